import { chmodSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDb';
import { trackerHarness } from './harness';

// A stand-in `cloudflared` on PATH (a real executable that logs like cloudflared and keeps running),
// so the tunnel's start, address pick-up, URLs and stop are tested without the internet.
const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

function fakeCloudflared(script: string): void {
  const dir = tempDir('voronka-bin-');
  const file = join(dir, 'cloudflared');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  process.env.PATH = `${dir}${delimiter}${originalPath}`;
}

describe('Cloudflare quick tunnel', () => {
  it('starts cloudflared on request, shows its public postback URL, and stops with the tracker', async () => {
    fakeCloudflared('echo "INF Requesting new quick Tunnel on trycloudflare.com..." >&2\necho "INF |  https://brave-otter-12.trycloudflare.com  |" >&2\nexec sleep 60');
    const h = await trackerHarness();
    expect(h.tracker.status().tunnel).toMatchObject({ state: 'off', available: true });
    const status = await h.handlers['tracker.tunnel.start']({});
    expect(status.tunnel).toMatchObject({ state: 'running', url: 'https://brave-otter-12.trycloudflare.com' });
    expect(status.endpoint).toMatch(/^https:\/\/brave-otter-12\.trycloudflare\.com\/pb\/[\w-]+$/);
    const urls = await h.handlers['tracker.postbackUrls']({});
    expect(urls[0]?.url).toMatch(/^https:\/\/brave-otter-12\.trycloudflare\.com\/pb\//);
    expect((await h.handlers['tracker.tunnel.stop']({})).tunnel.state).toBe('off');
    await h.handlers['tracker.tunnel.start']({});
    await h.close(); // stopping the tracker stops cloudflared too (see trackerService.stop)
  });

  it('says so when cloudflared is missing or fails', async () => {
    process.env.PATH = tempDir('voronka-empty-');
    const h = await trackerHarness();
    await expect(h.handlers['tracker.tunnel.start']({})).rejects.toThrow(/cloudflared is not installed/);
    process.env.PATH = originalPath;
    fakeCloudflared('echo "ERR failed to request quick Tunnel" >&2\nexit 1');
    await expect(h.handlers['tracker.tunnel.start']({})).rejects.toThrow(/exited \(code 1\)/);
    expect(h.tracker.status().tunnel).toMatchObject({ state: 'failed' });
    await h.close();
  });
});
