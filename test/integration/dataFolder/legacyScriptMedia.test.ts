import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getScript } from '../../../src/main/db/repositories/scriptsRepo';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';
import { tempDir } from '../../support/tempDb';

let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const a of open.reverse()) await a.close();
  open = [];
});
const started = (dataDir: string) => {
  const app = testApp(dataDir);
  open.push(app);
  return app;
};

const photo = Buffer.from('\xff\xd8\xff\xe0 a photo saved before the media folder rule', 'latin1');
const doc = Buffer.from('%PDF-1.4 a price list', 'latin1');

/** A script as saved before the media folder rule: files by absolute path and relative to the data folder. */
const oldScript = (paths: string[]) => ({
  formatVersion: 1,
  name: 'Old funnel',
  startFlow: 'main',
  flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: paths.map((path, i) => ({ text: `m${i}`, media: { kind: 'photo', path } })) }] }],
});
const pathsOf = (body: unknown): string[] => (body as ReturnType<typeof oldScript>).flows[0]!.steps[0]!.messages.map((m) => m.media.path);

describe('scripts saved before the media folder rule', () => {
  it('start-up copies readable files into the media library; missing ones stay and show as a problem; leads are not damaged', async () => {
    const dataDir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'promo.jpg'), photo);
    mkdirSync(join(dataDir, 'photos'), { recursive: true });
    writeFileSync(join(dataDir, 'photos', 'price.pdf'), doc);
    const old = [join(outside, 'promo.jpg'), 'photos/price.pdf', join(outside, 'gone.jpg'), 'photos/gone.jpg'];

    const first = started(dataDir);
    const { id } = await first.call('scripts.create', { name: 'Old funnel' });
    const accountId = addAccount(first, id);
    // Written as an older version did: straight into the row (published body and draft).
    first.db.prepare('UPDATE scripts SET body = ?, draft = ?, revision = 1 WHERE id = ?').run(JSON.stringify(oldScript(old)), JSON.stringify(oldScript(old)), id);
    await first.close();
    open = [];

    const app = started(dataDir);
    // The stored body parses (before: StoredStateError, every lead on the script marked damaged).
    const row = getScript(app.db, id);
    const paths = pathsOf(row?.body);
    expect(paths[0]).toMatch(/^media\/library\/[0-9a-f]{32}\.jpg$/);
    expect(paths[1]).toMatch(/^media\/library\/[0-9a-f]{32}\.pdf$/);
    expect(readFileSync(join(dataDir, paths[0]!))).toEqual(photo);
    expect(readFileSync(join(dataDir, paths[1]!))).toEqual(doc);
    expect(paths.slice(2)).toEqual(old.slice(2));
    // The editor opens it: body and draft, the draft adopted too.
    const opened = await app.call('scripts.get', { id });
    expect(pathsOf(opened.draft)).toEqual(paths);
    // The missing ones are validation problems that say to pick the file again.
    const check = await app.call('scripts.validate', { body: opened.body });
    expect(check.problems.map((p) => p.path)).toEqual(['flows[0].steps[0].messages[2].media.path', 'flows[0].steps[0].messages[3].media.path']);
    // A lead on the script runs, not damaged.
    const leadId = await leadWrites(app, accountId, id, '501', 'hello');
    const lead = app.db.prepare('SELECT status, status_reason AS reason FROM leads WHERE id = ?').get(leadId) as { status: string; reason: string | null };
    expect(lead.status).not.toBe('manual');
    expect(existsSync(join(outside, 'promo.jpg'))).toBe(true);
  });
});
