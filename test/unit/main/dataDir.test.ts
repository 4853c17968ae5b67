import { describe, expect, it } from 'vitest';
import { resolveHeadlessDataDir } from '../../../src/main/dataDir';

describe('headless data folder', () => {
  it('prefers --data-dir, then VORONKA_DATA_DIR, then ~/.voronka', () => {
    expect(resolveHeadlessDataDir('/flag', { VORONKA_DATA_DIR: '/env' }, '/home/u')).toBe('/flag');
    expect(resolveHeadlessDataDir(undefined, { VORONKA_DATA_DIR: '/env' }, '/home/u')).toBe('/env');
    expect(resolveHeadlessDataDir(undefined, {}, '/home/u')).toBe('/home/u/.voronka');
  });
});
