import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDb';

interface Finding { check: string; severity: string; file: string; location: string }
interface Explained { check: string; file: string; reason: string }

/** Electronegativity's CSV: quoted or bare fields; only the first five columns are needed. */
function parse(csv: string): Finding[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)|(?<=,)(?=,)/g)].map((m) => m[1] ?? m[2] ?? '');
      return { check: cells[0] ?? '', severity: cells[1] ?? '', file: cells[3] ?? '', location: cells[4] ?? '' };
    });
}

describe('electronegativity over the Electron code', () => {
  it('leaves no HIGH or MEDIUM finding unexplained, and every explanation still matches a finding', { timeout: 600_000 }, () => {
    // The Electron-facing files only: the host, its link allowlist, the preload, the renderer page.
    const input = tempDir('voronka-eneg-');
    copyFileSync('src/main/index.ts', join(input, 'index.ts'));
    copyFileSync('src/main/externalLinks.ts', join(input, 'externalLinks.ts'));
    copyFileSync('src/preload/index.ts', join(input, 'preload.ts'));
    copyFileSync('src/renderer/index.html', join(input, 'index.html'));
    const output = join(tempDir('voronka-eneg-out-'), 'findings.csv');
    const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
    const run = spawnSync(process.execPath, ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', input, '-r', '-v', 'false', '-e', electron, '-o', output], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const findings = parse(readFileSync(output, 'utf8'));
    const { explained } = JSON.parse(readFileSync('electronegativity.config.json', 'utf8')) as { explained: Explained[] };
    const isExplained = (f: Finding) => explained.some((e) => e.check === f.check && e.file === f.file && e.reason.length > 20);
    const unexplained = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !isExplained(f));
    expect(unexplained).toEqual([]);
    const stale = explained.filter((e) => !findings.some((f) => f.check === e.check && f.file === e.file));
    expect(stale).toEqual([]);
  });
});
