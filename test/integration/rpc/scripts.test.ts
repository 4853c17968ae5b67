import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../../support/appFixture';

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
    expect(await app.call('scripts.publish', { id, body: fixed, revision })).toEqual({ ok: true, revision: revision + 1 });
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
    expect((await app.call('scripts.get', { id: copy.id })).name).toMatch(/\(копия\)$/);
    await app.call('scripts.archive', { id });
    expect((await app.call('scripts.list', {})).map((s) => s.id)).not.toContain(id);
    expect(await app.rpc.dispatch('scripts.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await app.call('scripts.restore', { id });
    expect((await app.call('scripts.list', {})).map((s) => s.id)).toContain(id);
  });
});
