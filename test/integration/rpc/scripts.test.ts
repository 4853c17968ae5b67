import { afterAll, describe, expect, it } from 'vitest';
import { englishText } from '../../../src/shared/appMessage';
import { ru } from '../../../src/shared/i18n/ru';
import { addAccount, testApp } from '../../support/appFixture';

const app = testApp();
afterAll(() => app.close());

describe('scripts over RPC', () => {
  it('lists the two templates and creates a script from one with fresh ids', async () => {
    const templates = await app.call('scripts.templates', {});
    expect(templates.map((t) => t.key).sort()).toEqual(['postback-cloud-funnel', 'screenshot-funnel']);
    const { id } = await app.call('scripts.create', { template: 'screenshot-funnel' });
    const script = await app.call('scripts.get', { id });
    expect((script.body as { flows: { id: string }[] }).flows[0]?.id).toMatch(/_[a-z0-9]{5}$/);
    expect((await app.call('scripts.list', {})).map((s) => s.id)).toContain(id);
  });

  it('autosaves an invalid draft, refuses to publish it with the problems, publishes a fixed one', async () => {
    const { id } = await app.call('scripts.create', { name: 'Draft test' });
    const { body, revision } = await app.call('scripts.get', { id });
    const broken = structuredClone(body) as { flows: { steps: { next?: string }[] }[] };
    broken.flows[0]!.steps[0]!.next = 'nowhere';
    await app.call('scripts.saveDraft', { id, body: broken });
    expect((await app.call('scripts.get', { id })).draft).toEqual(broken);
    expect((await app.call('scripts.list', {})).find((s) => s.id === id)?.hasDraft).toBe(true);
    const refused = await app.call('scripts.publish', { id, body: broken, revision });
    expect(refused).toEqual({ ok: false, problems: [{ path: 'flows[0].steps[0].next', code: 'stepNotInFlow', params: { step: 'nowhere', flow: 'Main' } }] });
    const fixed = structuredClone(body) as { name: string };
    fixed.name = 'Renamed';
    expect(await app.call('scripts.publish', { id, body: fixed, revision })).toEqual({ ok: true, revision: revision + 1, accounts: [] });
    expect(await app.rpc.dispatch('scripts.publish', { id, body: fixed, revision })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await app.call('scripts.get', { id })).draft).toBeNull();
  });

  it('imports the same file twice into two scripts that share no ids, and reports invalid files', async () => {
    const { id } = await app.call('scripts.create', { template: 'postback-cloud-funnel' });
    const { json } = await app.call('scripts.export', { id });
    const a = await app.call('scripts.import', { json });
    const b = await app.call('scripts.import', { json });
    if (!a.ok || !b.ok) throw new Error('import failed');
    const ids = async (sid: number) => (((await app.call('scripts.get', { id: sid })).body as { flows: { steps: { id: string }[] }[] }).flows.flatMap((f) => f.steps.map((s) => s.id)));
    const [first, second] = [await ids(a.id), await ids(b.id)];
    expect(first.filter((x) => second.includes(x))).toEqual([]);
    expect(await app.call('scripts.import', { json: '{"formatVersion":1}' })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ path: 'name' })]) });
    expect(await app.call('scripts.import', { json: 'not json' })).toMatchObject({ ok: false, problems: [{ path: '', code: 'notJson' }] });
  });

  it('exports without the values of webhook headers marked secret unless asked, and the file still imports', async () => {
    const script = {
      formatVersion: 1,
      name: 'CRM with a key',
      startFlow: 'main',
      flows: [
        {
          id: 'main',
          name: 'Main',
          start: 'crm',
          steps: [
            {
              id: 'crm',
              type: 'webhook',
              url: 'https://crm.example/leads',
              headers: { 'X-Api-Key': 'sk-live-SECRET-123', Authorization: 'Bearer TOKEN-456', 'X-Source': 'voronka' },
              secretHeaders: ['X-Api-Key', 'authorization'],
            },
          ],
        },
      ],
    };
    const imported = await app.call('scripts.import', { json: JSON.stringify(script) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const headersOf = (json: string) => (JSON.parse(json) as { flows: { steps: { headers: Record<string, string>; secretHeaders: string[] }[] }[] }).flows[0]?.steps[0];

    const plain = await app.call('scripts.export', { id: imported.id });
    expect(plain.secretsLeftOut).toBe(2);
    expect(plain.json).not.toContain('SECRET-123');
    expect(plain.json).not.toContain('TOKEN-456');
    expect(headersOf(plain.json)).toMatchObject({ headers: { 'X-Api-Key': '', Authorization: '', 'X-Source': 'voronka' }, secretHeaders: ['X-Api-Key', 'authorization'] });
    expect(await app.call('scripts.import', { json: plain.json })).toMatchObject({ ok: true });

    const full = await app.call('scripts.export', { id: imported.id, includeSecrets: true });
    expect(full.secretsLeftOut).toBe(0);
    expect(headersOf(full.json)?.headers).toEqual({ 'X-Api-Key': 'sk-live-SECRET-123', Authorization: 'Bearer TOKEN-456', 'X-Source': 'voronka' });
    // The stored script keeps its secrets: leaving them out is the file's business only.
    const stored = (await app.call('scripts.get', { id: imported.id })).body as { flows: { steps: { headers: Record<string, string> }[] }[] };
    expect(stored.flows[0]?.steps[0]?.headers['X-Api-Key']).toBe('sk-live-SECRET-123');
  });

  it('archives with undo, and duplicates', async () => {
    const { id } = await app.call('scripts.create', {});
    const copy = await app.call('scripts.duplicate', { id });
    const original = (await app.call('scripts.get', { id })).name;
    expect((await app.call('scripts.get', { id: copy.id })).name).toBe(`${original} (2)`);
    await app.call('scripts.archive', { id });
    expect((await app.call('scripts.list', {})).map((s) => s.id)).not.toContain(id);
    expect(await app.rpc.dispatch('scripts.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await app.call('scripts.restore', { id });
    expect((await app.call('scripts.list', {})).map((s) => s.id)).toContain(id);
  });
});

describe('script names, drafts and the publish report (issue 15)', () => {
  const list = async () => app.call('scripts.list', {});
  const named = async (name: string) => (await list()).filter((s) => s.name === name);

  it('a new script starts as a draft: revision 0, listed as not published, its body kept as the draft', async () => {
    for (const input of [{ name: 'Fresh draft' }, { template: 'screenshot-funnel' }]) {
      const { id } = await app.call('scripts.create', input);
      const got = await app.call('scripts.get', { id });
      expect(got.revision).toBe(0);
      expect(got.draft).toEqual(got.body);
      expect((await list()).find((s) => s.id === id)).toMatchObject({ revision: 0, hasDraft: true });
      // Publishing makes it revision 1 and drops the draft.
      expect(await app.call('scripts.publish', { id, body: got.body, revision: 0 })).toMatchObject({ ok: true, revision: 1 });
      expect(await app.call('scripts.get', { id })).toMatchObject({ revision: 1, draft: null });
    }
    const file = await app.call('scripts.export', { id: (await named('Fresh draft'))[0]!.id });
    const imported = await app.call('scripts.import', { json: file.json });
    if (!imported.ok) throw new Error('import failed');
    expect(await app.call('scripts.get', { id: imported.id })).toMatchObject({ revision: 0, name: 'Fresh draft (2)' });
  });

  it('names stay unique: copies, templates and imports get a suffix; a rename onto a taken name is refused with a reason', async () => {
    const a = await app.call('scripts.create', { name: 'Unique funnel' });
    const b = await app.call('scripts.create', { name: 'unique funnel ' });
    expect((await app.call('scripts.get', { id: b.id })).name).toBe('unique funnel (2)');
    const copy = await app.call('scripts.duplicate', { id: a.id });
    expect((await app.call('scripts.get', { id: copy.id })).name).toBe('Unique funnel (3)');
    const copyOfCopy = await app.call('scripts.duplicate', { id: copy.id });
    expect((await app.call('scripts.get', { id: copyOfCopy.id })).name).toBe('Unique funnel (4)');
    const t1 = await app.call('scripts.create', { template: 'postback-cloud-funnel' });
    const t2 = await app.call('scripts.create', { template: 'postback-cloud-funnel' });
    const [n1, n2] = [(await app.call('scripts.get', { id: t1.id })).name, (await app.call('scripts.get', { id: t2.id })).name];
    expect(n2).not.toBe(n1);

    // Renaming (in the draft, as the editor autosaves) onto another script's name: refused, nothing stored.
    const { body } = await app.call('scripts.get', { id: b.id });
    const draftBefore = (await app.call('scripts.get', { id: b.id })).draft;
    const clash = { ...(body as object), name: 'UNIQUE FUNNEL' };
    const refused = await app.rpc.dispatch('scripts.saveDraft', { id: b.id, body: clash });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', detail: { code: 'scriptNameTaken', params: { name: 'UNIQUE FUNNEL' } } } });
    expect((await app.call('scripts.get', { id: b.id })).draft).toEqual(draftBefore);
    expect(await app.rpc.dispatch('scripts.publish', { id: b.id, body: clash, revision: 0 })).toMatchObject({ ok: false, error: { detail: { code: 'scriptNameTaken' } } });
    // A draft rename also reserves the name for others.
    await app.call('scripts.saveDraft', { id: b.id, body: { ...(body as object), name: 'Renamed in draft' } });
    const other = await app.rpc.dispatch('scripts.saveDraft', { id: a.id, body: { ...((await app.call('scripts.get', { id: a.id })).body as object), name: 'renamed in draft' } });
    expect(other).toMatchObject({ ok: false, error: { detail: { code: 'scriptNameTaken' } } });
    // Its own name is no collision.
    await app.call('scripts.saveDraft', { id: b.id, body: { ...(body as object), name: 'Renamed in draft' } });

    // An archived script frees its name; restored after the name was reused, it takes a suffix.
    await app.call('scripts.archive', { id: a.id });
    const reuse = await app.call('scripts.create', { name: 'Unique funnel' });
    expect((await app.call('scripts.get', { id: reuse.id })).name).toBe('Unique funnel');
    await app.call('scripts.restore', { id: a.id });
    const restored = await app.call('scripts.get', { id: a.id });
    expect(restored.name).toBe('Unique funnel (5)');
    expect((restored.body as { name: string }).name).toBe('Unique funnel (5)');
  });

  it('publish says which switched-on accounts now run the script, or none', async () => {
    const { id } = await app.call('scripts.create', { name: 'Run report' });
    const got = await app.call('scripts.get', { id });
    expect(await app.call('scripts.publish', { id, body: got.body, revision: 0 })).toMatchObject({ ok: true, accounts: [] });
    const now = Date.now();
    const insert = app.db.prepare("INSERT INTO accounts (kind, status, display_name, username, phone, script_id, enabled, created_at, updated_at) VALUES ('telegram', 'online', ?, ?, ?, ?, ?, ?, ?)");
    const first = Number(insert.run('Alina', null, '+100', id, 1, now, now).lastInsertRowid);
    const second = Number(insert.run(null, 'bob_sales', '+200', id, 1, now, now).lastInsertRowid);
    insert.run('Switched off', null, '+300', id, 0, now, now);
    insert.run('Other script', null, '+400', null, 1, now, now);
    const again = await app.call('scripts.publish', { id, body: got.body, revision: 1 });
    expect(again).toEqual({ ok: true, revision: 2, accounts: [{ id: first, name: 'Alina' }, { id: second, name: '@bob_sales' }] });

    // Before switching Alina's script: her leads per script (they keep theirs; new chats take the new one).
    const lead = app.db.prepare("INSERT INTO leads (account_id, peer_id, script_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    lead.run(first, '1', id, 'auto', now, now);
    lead.run(first, '2', id, 'finished', now, now);
    lead.run(first, '3', null, 'manual', now, now);
    expect(await app.call('scripts.accountLeads', { accountId: first })).toEqual([
      { scriptId: id, scriptName: 'Run report', leads: 2, active: 1 },
      { scriptId: null, scriptName: null, leads: 1, active: 1 },
    ]);
    expect(await app.call('scripts.accountLeads', { accountId: second })).toEqual([]);
  });
});

describe('an account runs only a published script', () => {
  it('giving an account a never-published script is refused with the reason (RU and EN); once published it is taken', async () => {
    const [account] = await app.call('accounts.list', {});
    const accountId = account?.id ?? addAccount(app, null);
    const { id } = await app.call('scripts.create', { name: 'Not yet' });
    expect((await app.call('scripts.list', {})).find((s) => s.id === id)?.revision).toBe(0);

    const refused = await app.rpc.dispatch('accounts.update', { id: accountId, scriptId: id });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', detail: { code: 'scriptNotPublished', params: { name: 'Not yet' } } }) });
    expect(englishText({ code: 'scriptNotPublished', params: { name: 'Not yet' } })).toBe('“Not yet” is not published yet, so an account cannot run it: publish it first');
    expect(ru.msg.scriptNotPublished.replace('{{name}}', 'Not yet')).toBe('«Not yet» ещё не опубликован, аккаунт не может его запустить: сначала опубликуйте');
    // The other ways an account gets a script say the same.
    for (const [method, input] of [
      ['accounts.importSession', { session: '1AAAAAAAAAAAAAAA', apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', scriptId: id }],
      ['accounts.startLogin', { phone: '+70000000001', apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', scriptId: id }],
    ] as const)
      expect(await app.rpc.dispatch(method, input), method).toMatchObject({ ok: false, error: { code: 'conflict', detail: { code: 'scriptNotPublished' } } });
    expect(app.db.prepare('SELECT script_id FROM accounts WHERE id = ?').pluck().get(accountId)).not.toBe(id);

    const { body } = await app.call('scripts.get', { id });
    expect(await app.call('scripts.publish', { id, body, revision: 0 })).toMatchObject({ ok: true, revision: 1 });
    expect((await app.call('accounts.update', { id: accountId, scriptId: id })).scriptId).toBe(id);
  });
});
