import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/main/secrets/secretBox';
import { tempDir } from '../../support/tempDb';

describe('secret box', () => {
  it('round-trips, never stores the plain text, and keeps its key file private', () => {
    const dir = tempDir();
    const box = createSecretBox(dir);
    const sealed = box.seal('1BQANOTAREALSESSION');
    expect(sealed.toString('utf8')).not.toContain('NOTAREAL');
    expect(createSecretBox(dir).open(sealed)).toBe('1BQANOTAREALSESSION');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'))).toHaveLength(32);
  });

  it('rejects tampered data and another folder’s key', () => {
    const box = createSecretBox(tempDir());
    const sealed = box.seal('secret');
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 1) ^ 1, sealed.length - 1);
    expect(() => box.open(sealed)).toThrow();
    expect(() => createSecretBox(tempDir()).open(box.seal('x'))).toThrow();
  });

  it('wraps the data key with a protector when one is given (Electron safeStorage)', () => {
    const dir = tempDir();
    const protector = { protect: (k: Buffer) => Buffer.concat([Buffer.from('P:'), k]), unprotect: (s: Buffer) => s.subarray(2) };
    const sealed = createSecretBox(dir, protector).seal('key');
    expect(readFileSync(join(dir, 'secret.key')).subarray(0, 2).toString()).toBe('P:');
    expect(createSecretBox(dir, protector).open(sealed)).toBe('key');
  });
});
