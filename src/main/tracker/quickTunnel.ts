import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type TunnelState = 'off' | 'starting' | 'running' | 'failed';

export interface TunnelStatus {
  state: TunnelState;
  /** The public https address while running. */
  url: string | null;
  error: AppMessage | null;
  /** Whether `cloudflared` is on PATH (the app never downloads it). */
  available: boolean;
}

/** Finds an executable on PATH without running a shell. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of path.split(delimiter).filter(Boolean)) for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  return undefined;
}

/**
 * A Cloudflare quick tunnel (`cloudflared tunnel --url …`) to the postback listener, started on the
 * operator's request and stopped with the app. Its public `*.trycloudflare.com` address is read from
 * cloudflared's log; it changes on every start.
 */
export class QuickTunnel {
  private child: ChildProcess | undefined;
  private current: TunnelStatus = { state: 'off', url: null, error: null, available: false };

  constructor(private readonly onChange: () => void = () => {}) {}

  status(): TunnelStatus {
    return { ...this.current, available: findOnPath('cloudflared') !== undefined };
  }

  /** Resolves with the public URL, or rejects with a reason (not installed, exited, no URL in time). */
  start(localUrl: string, timeoutMs = 30_000): Promise<string> {
    const binary = findOnPath('cloudflared');
    if (!binary) return Promise.reject(new TunnelError(msg('cloudflaredMissing')));
    this.stop();
    this.set({ state: 'starting', url: null, error: null });
    const child = spawn(binary, ['tunnel', '--no-autoupdate', '--url', localUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise<string>((resolve, reject) => {
      let log = '';
      const fail = (reason: AppMessage): void => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = undefined;
          this.set({ state: 'failed', url: null, error: reason });
        }
        child.kill();
        reject(new TunnelError(reason));
      };
      const timer = setTimeout(() => fail(msg('tunnelNoAddress')), timeoutMs);
      const scan = (chunk: Buffer): void => {
        log = (log + chunk.toString()).slice(-8000);
        const url = /https:\/\/[a-z0-9-]+\.trycloudflare\.com/.exec(log)?.[0];
        if (url && this.current.state === 'starting') {
          clearTimeout(timer);
          this.set({ state: 'running', url, error: null });
          resolve(url);
        }
      };
      child.stdout?.on('data', scan);
      child.stderr?.on('data', scan);
      child.on('error', (error) => fail(msg('tunnelCouldNotStart', { detail: error.message })));
      child.on('exit', (code) => {
        if (this.child !== child) return;
        if (this.current.state === 'starting') return fail(msg('tunnelExited', { code: String(code) }));
        this.child = undefined;
        this.set({ state: 'failed', url: null, error: msg('tunnelStopped', { code: String(code) }) });
      });
    });
  }

  stop(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
    if (this.current.state !== 'off') this.set({ state: 'off', url: null, error: null });
  }

  private set(next: Omit<TunnelStatus, 'available'>): void {
    this.current = { ...next, available: this.current.available };
    this.onChange();
  }
}

/** Why the tunnel did not start, as a coded message for the Tracker page. */
export class TunnelError extends Error {
  constructor(readonly detail: AppMessage) {
    super(englishText(detail));
    this.name = 'TunnelError';
  }
}
