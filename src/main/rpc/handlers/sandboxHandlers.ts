import { msg } from '../../../shared/appMessage';
import type { Db } from '../../db/connection';
import { AppFailure } from '../../appFailure';
import type { SandboxMediaKind } from '../../../shared/rpc/sandbox';
import type { RpcHandlers } from '../router';

export interface SandboxDelivery {
  userId: string;
  messageId: number;
}

/** What the sandbox methods need: simulated people of the local Telegram server (src/main/sandbox). */
export interface SandboxMediaInput {
  kind: SandboxMediaKind;
  /** Empty: a built-in sample. */
  bytes: Buffer;
  mimeType?: string;
  fileName?: string;
  emoji?: string;
  caption?: string;
}

export interface SandboxService {
  userWrites(name: string, text: string): SandboxDelivery;
  userSendsPhoto(name: string, image: Buffer, caption: string): SandboxDelivery;
  issueSession(name: string, state: 'good' | 'dead' | 'banned'): Promise<{ dcId: number; authKeyBase64: string; userId: number; phone: string }>;
  scanQr(url: string, name: string): boolean;
  userSendsMedia(name: string, media: SandboxMediaInput): SandboxDelivery;
  telegramTrouble(name: string, kind: 'blocks' | 'limits'): void;
  userReads(name: string): void;
}

/** How the app takes a sandbox (AppOptions.sandbox): its service, and a hook before accounts connect. */
export interface AppSandbox extends SandboxService {
  /** Runs on the migrated database before any account connects (the sandbox refreshes its account here). */
  prepare(db: Db): void;
}

type SandboxMethod = 'sandbox.status' | 'sandbox.userWrites' | 'sandbox.userSendsPhoto' | 'sandbox.userSendsMedia' | 'sandbox.issueSession' | 'sandbox.scanQr' | 'sandbox.telegramTrouble' | 'sandbox.userReads';

/** Without a sandbox (every normal start) each method answers `unavailable`. */
export function sandboxHandlers(sandbox: SandboxService | undefined): Pick<RpcHandlers, SandboxMethod> {
  const service = (): SandboxService => {
    if (!sandbox) throw new AppFailure('unavailable', msg('sandboxOnly'));
    return sandbox;
  };
  return {
    'sandbox.status': () => ({ enabled: sandbox !== undefined }),
    'sandbox.userWrites': ({ name, text }) => service().userWrites(name, text),
    'sandbox.issueSession': ({ name, state }) => service().issueSession(name, state),
    'sandbox.scanQr': ({ url, name }) => ({ scanned: service().scanQr(url, name) }),
    'sandbox.userReads': ({ name }) => {
      service().userReads(name);
      return { ok: true as const };
    },
    'sandbox.telegramTrouble': ({ name, kind }) => {
      service().telegramTrouble(name, kind);
      return { ok: true as const };
    },
    'sandbox.userSendsPhoto': ({ name, imageBase64, caption }) => {
      const image = Buffer.from(imageBase64, 'base64');
      if (!image.length) throw new AppFailure('invalid_input', msg('imageEmpty'));
      return service().userSendsPhoto(name, image, caption ?? '');
    },
    'sandbox.userSendsMedia': ({ name, kind, dataBase64, mimeType, fileName, emoji, caption }) =>
      service().userSendsMedia(name, {
        kind,
        bytes: dataBase64 ? Buffer.from(dataBase64, 'base64') : Buffer.alloc(0),
        ...(mimeType ? { mimeType } : {}),
        ...(fileName ? { fileName } : {}),
        ...(emoji ? { emoji } : {}),
        ...(caption ? { caption } : {}),
      }),
  };
}
