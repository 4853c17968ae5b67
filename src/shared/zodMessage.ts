import type { z } from 'zod';
import { isMessageCode, msg, type AppMessage } from './appMessageData';

/**
 * A zod issue as a coded message. Our schemas give their own messages as codes (`.min(1,
 * 'messagesEmpty')`); zod's built-in English messages are replaced by generic codes chosen from the
 * issue's kind and limits, never by reading the English text.
 */
export function zodIssueMessage(issue: z.core.$ZodIssue): AppMessage {
  if (isMessageCode(issue.message)) return msg(issue.message);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? msg('required') : msg('tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? msg('required') : msg('tooFewItems', { min });
      return msg('tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return msg('tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('tooManyItems', { max });
      return msg('tooBig', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'int') return msg('notInteger');
      return issue.input === undefined ? msg('required') : msg('invalidType', { expected: issue.expected });
    case 'invalid_value':
      return msg('invalidValue', { options: issue.values.map(String).join(', ') });
    case 'invalid_format':
      return msg('invalidFormat');
    case 'unrecognized_keys':
      return msg('unknownKeys', { keys: issue.keys.join(', ') });
    default:
      return msg('invalid');
  }
}
