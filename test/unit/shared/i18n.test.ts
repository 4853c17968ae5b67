import { describe, expect, it } from 'vitest';
import { en } from '../../../src/shared/i18n/en';
import { ru } from '../../../src/shared/i18n/ru';
import { languageForLocale } from '../../../src/shared/settings';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
}

describe('UI texts', () => {
  it('has the same keys in RU and EN, none empty', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
    for (const tree of [ru, en]) {
      for (const key of keys(tree)) {
        const value = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree);
        expect(String(value).trim(), key).not.toBe('');
      }
    }
  });

  it('maps OS locales to a UI language', () => {
    expect(languageForLocale('ru-RU')).toBe('ru');
    expect(languageForLocale('ru_UA.UTF-8')).toBe('ru');
    expect(languageForLocale('en-US')).toBe('en');
    expect(languageForLocale(undefined)).toBe('en');
  });
});
