import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/shared/appMessage';
import { createLogger } from '../../../src/main/log';
import { createRpcRouter, type RpcHandlers } from '../../../src/main/rpc/router';
import { AppFailure } from '../../../src/main/appFailure';

const lines: string[] = [];
const log = createLogger('test', { sink: (l) => lines.push(l) });

function router(overrides: Partial<RpcHandlers> = {}) {
  let language: 'ru' | 'en' = 'ru';
  // Only the methods these tests call; the router looks handlers up by name.
  const handlers = {
    'app.info': () => ({ name: 'Voronka', version: '0', host: 'headless', dataDir: '/d', dbPath: '/d/v.db', schemaVersion: 1 }),
    'settings.get': () => ({ language, stopWords: [], debounceSeconds: 0 }),
    'settings.set': (patch) => {
      language = patch.language ?? language;
      return { language, stopWords: [], debounceSeconds: 0 };
    },
    ...overrides,
  } as RpcHandlers;
  return createRpcRouter(handlers, log);
}

describe('rpc router', () => {
  it('runs a handler on valid input and wraps its value', async () => {
    expect(await router().dispatch('settings.set', { language: 'en' })).toEqual({ ok: true, value: { language: 'en', stopWords: [], debounceSeconds: 0 } });
  });

  it('rejects an unknown method without running anything', async () => {
    const result = await router().dispatch('db.dropEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await router().dispatch({ toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('does not treat inherited object keys as methods', async () => {
    expect(await router().dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await router().dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('rejects invalid input with the path of each problem, and the handler never runs', async () => {
    let ran = false;
    const r = router({ 'settings.set': () => ((ran = true), { language: 'ru', stopWords: [], debounceSeconds: 0 }) });
    const result = await r.dispatch('settings.set', { language: 'de', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['language']));
    expect(ran).toBe(false);
  });

  it('passes an expected failure through as data', async () => {
    const r = router({
      'settings.get': () => {
        throw new AppFailure('unavailable', msg('leadMissing', { id: 7 }));
      },
    });
    expect(await r.dispatch('settings.get', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'Lead 7 does not exist', detail: { code: 'leadMissing', params: { id: 7 } } } });
  });

  it('hides an unexpected error behind a generic message and logs it', async () => {
    const r = router({
      'settings.get': () => {
        throw new Error('SQLITE_CORRUPT at /home/user/secret-path');
      },
    });
    const result = await r.dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
    expect(lines.some((l) => l.includes('SQLITE_CORRUPT'))).toBe(true);
  });
});
