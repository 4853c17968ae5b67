import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log';

describe('logger', () => {
  it('never writes secrets, at any depth, and keeps the rest', () => {
    const lines: string[] = [];
    const log = createLogger('telegram', { sink: (l) => lines.push(l) }).child('login');
    log.info('signed in', { phone: '+7900', session: '1BQANOTAREALSESSION', nested: { apiKey: 'sk-123', apiHash: 'abc', ok: 1 } });
    const line = lines[0] ?? '';
    expect(line).not.toMatch(/1BQANOTAREALSESSION|sk-123|abc/);
    expect(JSON.parse(line)).toMatchObject({ sub: 'telegram.login', msg: 'signed in', phone: '+7900', nested: { ok: 1, apiKey: '[redacted]' } });
  });

  it('drops entries below the configured level', () => {
    const lines: string[] = [];
    const log = createLogger('x', { level: 'warn', sink: (l) => lines.push(l) });
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
