import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeMessage, encodeMessage, englishText, messageCodes, msg } from '../../../src/shared/appMessage';
import { en } from '../../../src/shared/i18n/en';
import { ru } from '../../../src/shared/i18n/ru';
import { zodIssueMessage } from '../../../src/shared/zodMessage';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('coded messages from the main process', () => {
  it('has an RU and an EN text for every code, with the same parameters', () => {
    expect(Object.keys(ru.msg).sort()).toEqual([...messageCodes].sort());
    expect(Object.keys(en.msg).sort()).toEqual([...messageCodes].sort());
    for (const code of messageCodes) {
      expect(ru.msg[code].trim(), code).not.toBe('');
      expect(placeholders(ru.msg[code]), code).toEqual(placeholders(en.msg[code]));
    }
  });

  it('gives the CLI and logs English with the parameters filled in', () => {
    expect(englishText(msg('stepNotInFlow', { step: 'a', flow: 'Main' }))).toBe('Step "a" is not in flow "Main"');
    expect(englishText(msg('tagEmpty'))).toBe('Add or remove at least one tag');
  });

  it('stores a message as JSON and reads old plain-text rows as they are', () => {
    const reason = msg('loopDetected', { step: 'Hi', count: 3 });
    expect(decodeMessage(encodeMessage(reason))).toEqual(reason);
    expect(decodeMessage('Released by an operator')).toEqual({ code: 'text', params: { text: 'Released by an operator' } });
    expect(decodeMessage('{not json')).toEqual({ code: 'text', params: { text: '{not json' } });
    expect(decodeMessage('{"code":"noSuchCode"}')).toEqual({ code: 'text', params: { text: '{"code":"noSuchCode"}' } });
  });

  it('turns zod issues into codes, never reading zod English', () => {
    const issue = (schema: z.ZodType, value: unknown) => {
      const r = schema.safeParse(value);
      if (r.success) throw new Error('expected a failure');
      return zodIssueMessage(r.error.issues[0] as z.core.$ZodIssue);
    };
    expect(issue(z.string().min(1), '')).toEqual({ code: 'required' });
    expect(issue(z.string().max(3), 'abcd')).toEqual({ code: 'tooLong', params: { max: 3 } });
    expect(issue(z.number().int(), 1.5)).toEqual({ code: 'notInteger' });
    expect(issue(z.enum(['a', 'b']), 'c')).toEqual({ code: 'invalidValue', params: { options: 'a, b' } });
    expect(issue(z.string().min(1, 'messagesEmpty'), '')).toEqual({ code: 'messagesEmpty' });
  });
});
