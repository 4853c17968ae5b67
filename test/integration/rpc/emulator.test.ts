import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../../support/appFixture';
import { tempDir } from '../../support/tempDb';

const app = testApp();
afterAll(() => app.close());

describe('emulator over RPC', () => {
  it('chats with a template as a fake lead, with clock jumps, a photo and a postback', async () => {
    const { id } = await app.call('scripts.create', { template: 'postback-cloud-funnel' });
    let state = await app.call('emulator.start', { scriptId: id, startAt: null, useDraft: false, lead: { firstName: 'Ира', username: null }, tracker: { clickid: 'abc' } });
    expect(state.messages).toEqual([]);
    state = await app.call('emulator.say', { sessionId: state.sessionId, text: 'привет' });
    expect(state.messages.filter((m) => m.direction === 'out').length).toBeGreaterThan(0);
    expect(state.lead.flowName).toBe('Приветствие');
    expect(Object.keys(state.lead.variants)).toHaveLength(1);
    const before = state.now;
    state = await app.call('emulator.advance', { sessionId: state.sessionId, ms: 3_600_000 });
    expect(state.now).toBe(before + 3_600_000);
    state = await app.call('emulator.photo', { sessionId: state.sessionId, dataUrl: `data:image/png;base64,${Buffer.from('89504e470d0a1a0a', 'hex').toString('base64')}`, caption: '' });
    expect(state.messages.some((m) => m.media === 'photo')).toBe(true);
    // The chat shows the photo itself: its preview travels as a data URL of the same bytes.
    expect(state.messages.find((m) => m.media === 'photo')?.mediaUrl).toBe(`data:image/png;base64,${Buffer.from('89504e470d0a1a0a', 'hex').toString('base64')}`);
    expect(state.messages.filter((m) => m.media === null).every((m) => m.mediaUrl === null)).toBe(true);
    state = await app.call('emulator.postback', { sessionId: state.sessionId, event: 'registration', payout: null });
    expect(state.events.map((e) => e.type)).toContain('lead.event');
    expect(state.events.map((e) => e.type)).toContain('auto_action.fired');
    // Each press is a new transaction: a second one applies too (the listener's dedupe would drop a replay).
    state = await app.call('emulator.postback', { sessionId: state.sessionId, event: 'registration', payout: null });
    expect(state.events.filter((e) => e.type === 'lead.event')).toHaveLength(2);
    await app.call('emulator.stop', { sessionId: state.sessionId });
    // A postback needs the lead's click id, as a real tracker's does.
    const fresh = await app.call('emulator.start', { scriptId: id, startAt: null, useDraft: false, lead: { firstName: 'Ира', username: null }, tracker: {} });
    expect(await app.rpc.dispatch('emulator.postback', { sessionId: fresh.sessionId, event: 'registration', payout: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('no click id') },
    });
    await app.call('emulator.stop', { sessionId: fresh.sessionId });
    expect(await app.rpc.dispatch('emulator.say', { sessionId: state.sessionId, text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('starts from any step, and refuses an invalid draft with its first problem', async () => {
    const { id } = await app.call('scripts.create', { template: 'screenshot-funnel' });
    const script = await app.call('scripts.get', { id });
    const flow = (script.body as { flows: { id: string; steps: { id: string; type: string }[] }[] }).flows[1];
    const step = flow?.steps.find((s) => s.type === 'message');
    if (!flow || !step) throw new Error('fixture');
    const state = await app.call('emulator.start', { scriptId: id, startAt: { flowId: flow.id, stepId: step.id }, useDraft: false, lead: { firstName: 'Тест', username: null }, tracker: {} });
    expect(state.lead.stepId).toBe(step.id);
    // Inbound only: the simulated lead has not written yet, so the step runs on their first message.
    expect(state.messages).toEqual([]);
    const after = await app.call('emulator.say', { sessionId: state.sessionId, text: 'Здравствуйте' });
    expect(after.messages.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'Здравствуйте'],
      ['out', 'Подскажите, был ли у вас уже опыт с Chicken Road?'],
    ]);
    await app.call('scripts.saveDraft', { id, body: { formatVersion: 1 } });
    expect(await app.rpc.dispatch('emulator.start', { scriptId: id, useDraft: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/problem/) } });
  });

  it('shows a script photo only from inside the media folder: a symlink out of it shows nothing', async () => {
    const secret = join(tempDir(), 'secret.jpg');
    writeFileSync(secret, Buffer.from('\xff\xd8\xff not for the chat', 'latin1'));
    const media = join(app.info.dataDir, 'media');
    mkdirSync(media, { recursive: true });
    writeFileSync(join(media, 'ok.jpg'), Buffer.from('\xff\xd8\xff fine', 'latin1'));
    // Published when it pointed at a real file; the link was swapped afterwards.
    symlinkSync(secret, join(media, 'swapped.jpg'));
    const { id } = await app.call('scripts.create', { name: 'Emulator media' });
    const body = {
      formatVersion: 1,
      name: 'Emulator media',
      startFlow: 'main',
      flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: [{ text: 'a', media: { kind: 'photo', path: 'media/ok.jpg' } }, { text: 'b', media: { kind: 'photo', path: 'media/swapped.jpg' } }] }] }],
    };
    app.db.prepare('UPDATE scripts SET body = ?, revision = 1 WHERE id = ?').run(JSON.stringify(body), id);
    let state = await app.call('emulator.start', { scriptId: id, startAt: null, useDraft: false, lead: { firstName: 'Ира', username: null }, tracker: {} });
    state = await app.call('emulator.say', { sessionId: state.sessionId, text: 'привет' });
    const photos = state.messages.filter((m) => m.direction === 'out' && m.media === 'photo');
    expect(photos).toHaveLength(2);
    expect(photos[0]?.mediaUrl).toBe(`data:image/jpeg;base64,${Buffer.from('\xff\xd8\xff fine', 'latin1').toString('base64')}`);
    expect(photos[1]?.mediaUrl).toBeNull();
    await app.call('emulator.stop', { sessionId: state.sessionId });
  });
});
