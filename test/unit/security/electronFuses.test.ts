import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The `key: true|false` lines of one top-level block of electron.builder.yml (no YAML library is a direct dependency). */
function booleanBlock(yamlText: string, block: string): Record<string, boolean> {
  const lines = yamlText.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === `${block}:`);
  if (start < 0) return {};
  const out: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S/.test(line)) break;
    const match = /^\s+([A-Za-z]+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (match?.[1]) out[match[1]] = match[2] === 'true';
  }
  return out;
}

describe('electron-builder configuration', () => {
  it('flips the security fuses of the packaged Electron binary', () => {
    const text = readFileSync('electron.builder.yml', 'utf8');
    expect(booleanBlock(text, 'electronFuses')).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // The asar fuses need an asar archive (electron-builder's default, never switched off).
    expect(text).not.toMatch(/^asar:\s*false/m);
  });
});
