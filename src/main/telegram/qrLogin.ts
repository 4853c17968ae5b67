import { Api, type TelegramClient } from 'teleproto';
import { Raw } from 'teleproto/events/index.js';

/** A token is replaced this long before Telegram's `expires`, so the QR on screen always works. */
const refreshBeforeMs = 5_000;

export interface QrLoginEvents {
  /** The token was scanned and this client is now signed in. */
  signedIn(): void;
  /** The token was scanned; the account has 2FA, so the password step follows on this client. */
  passwordNeeded(): void;
  failed(error: unknown): void;
}

/**
 * QR login on one client (core.telegram.org/api/qr-login): auth.exportLoginToken gives a token to
 * show as `tg://login?token=<base64url>`, exported again before it expires; when a signed-in app
 * scans it, Telegram sends updateLoginToken and the next export answers the authorization — or
 * auth.loginTokenMigrateTo, after which the token is imported on the account's own DC.
 */
export class QrLogin {
  private token: { url: string; expiresAt: number } | undefined;
  private refresh: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly client: TelegramClient,
    private readonly api: { apiId: number; apiHash: string },
    private readonly events: QrLoginEvents,
  ) {}

  async start(): Promise<void> {
    this.client.addEventHandler((update: unknown) => {
      if (update instanceof Api.UpdateLoginToken && !this.done) void this.exportToken().catch((e: unknown) => this.settle(e));
    }, new Raw({}));
    await this.exportToken();
  }

  /** The code to show now. */
  get current(): { url: string; expiresAt: number } {
    if (!this.token) throw new Error('QR login not started');
    return this.token;
  }

  stop(): void {
    this.done = true;
    clearTimeout(this.refresh);
  }

  private async exportToken(): Promise<void> {
    const result = await this.client.invoke(new Api.auth.ExportLoginToken({ ...this.api, exceptIds: [] }));
    await this.handle(result);
  }

  private async handle(result: Api.auth.TypeLoginToken): Promise<void> {
    if (this.done) return;
    if (result instanceof Api.auth.LoginToken) {
      this.token = { url: `tg://login?token=${Buffer.from(result.token).toString('base64url')}`, expiresAt: result.expires * 1000 };
      clearTimeout(this.refresh);
      const wait = Math.max(1_000, this.token.expiresAt - Date.now() - refreshBeforeMs);
      this.refresh = setTimeout(() => void this.exportToken().catch((e: unknown) => this.settle(e)), wait);
      this.refresh.unref?.();
      return;
    }
    if (result instanceof Api.auth.LoginTokenMigrateTo) {
      // The account lives on another DC: a new key there, and the same token imported on it.
      await this.client._switchDC(result.dcId);
      await this.handle(await this.client.invoke(new Api.auth.ImportLoginToken({ token: result.token })));
      return;
    }
    this.stop();
    this.events.signedIn();
  }

  private settle(error: unknown): void {
    if (this.done) return;
    this.stop();
    const name = error && typeof error === 'object' && 'errorMessage' in error ? String(error.errorMessage) : '';
    if (name === 'SESSION_PASSWORD_NEEDED') this.events.passwordNeeded();
    else this.events.failed(error);
  }
}
