import { afterAll, describe, expect, it } from 'vitest';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

const app = testApp();
afterAll(() => app.close());

describe('first-run checklist facts and known tags over RPC', () => {
  it('each step ticks from the data itself; dismissing is remembered', async () => {
    expect(await app.call('firstRun.status', {})).toEqual({ done: { account: false, template: false, publish: false, postbacks: false }, dismissed: false, sandbox: false });
    const { id: scriptId } = await app.call('scripts.create', { template: 'screenshot-funnel' });
    expect((await app.call('firstRun.status', {})).done).toEqual({ account: false, template: true, publish: false, postbacks: false });
    // An account row that never signed in is not connected; a signed-in one running the script is both.
    const accountId = addAccount(app, scriptId);
    expect((await app.call('firstRun.status', {})).done.account).toBe(false);
    app.db.prepare("UPDATE accounts SET telegram_user_id = '4242' WHERE id = ?").run(accountId);
    expect((await app.call('firstRun.status', {})).done).toEqual({ account: true, template: true, publish: true, postbacks: false });
    await app.call('tracker.campaigns.create', { name: 'Spring', username: '@shop', greeting: 'Hi {token}' });
    expect((await app.call('firstRun.status', {})).done.postbacks).toBe(true);
    expect((await app.call('firstRun.dismiss', {})).dismissed).toBe(true);
    expect((await app.call('firstRun.status', {})).dismissed).toBe(true);
    // The dismissal lives in the settings table without disturbing the Settings the UI edits.
    expect(await app.call('settings.get', {})).not.toHaveProperty('firstRun.dismissed');
  });

  it('tags.list: tags leads carry (with counts) and tags scripts declare (with colours), by name', async () => {
    const [script] = await app.call('scripts.list', {});
    const accountId = addAccount(app, script!.id);
    const a = await leadWrites(app, accountId, script!.id, 'p1', 'hi');
    const b = await leadWrites(app, accountId, script!.id, 'p2', 'hi');
    await app.call('leads.update', { id: a, addTags: ['vip', 'registered'] });
    await app.call('leads.update', { id: b, addTags: ['vip'] });
    const tags = await app.call('tags.list', {});
    expect(tags.find((t) => t.name === 'vip')).toEqual({ name: 'vip', color: null, leads: 2 });
    expect(tags.find((t) => t.name === 'registered')).toEqual({ name: 'registered', color: '#2e7d32', leads: 1 });
    expect(tags.find((t) => t.name === 'depositor')).toEqual({ name: 'depositor', color: '#f9a825', leads: 0 });
    expect(tags.map((t) => t.name)).toEqual([...tags.map((t) => t.name)].sort((x, y) => x.localeCompare(y)));
  });
});
