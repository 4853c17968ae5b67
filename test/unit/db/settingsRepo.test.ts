import { describe, expect, it } from 'vitest';
import { getSettings, updateSettings } from '../../../src/main/db/repositories/settingsRepo';
import { migratedDb } from '../../support/tempDb';

const defaults = { language: 'ru' as const, stopWords: ['стоп'], debounceSeconds: 3 };

describe('settings repository', () => {
  it('reads defaults until a value is written, then the stored value', () => {
    const db = migratedDb();
    expect(getSettings(db, defaults)).toEqual(defaults);
    expect(updateSettings(db, { language: 'en' }, defaults, 1000)).toEqual({ ...defaults, language: 'en' });
    expect(getSettings(db, defaults).language).toBe('en');
    expect(db.prepare("SELECT value, updated_at FROM settings WHERE key = 'language'").get()).toEqual({
      value: '"en"',
      updated_at: 1000,
    });
  });

  it('falls back to the default when a stored value no longer parses', () => {
    const db = migratedDb();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('language', '\"klingon\"', 0)").run();
    expect(getSettings(db, defaults)).toEqual(defaults);
  });
});
