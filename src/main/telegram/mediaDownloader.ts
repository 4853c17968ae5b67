import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Api } from 'teleproto';
import type { IncomingMedia } from '../engine/types';
import type { Logger } from '../log';
import type { CandidateMedia } from './incomingMessages';
import { describeError, telegramErrorName } from './telegramErrors';

export interface MediaDownloaderDeps {
  /** teleproto's downloadMedia (it picks the file's DC and exports the authorization itself). */
  download(message: Api.Message): Promise<unknown>;
  invoke(request: Api.AnyRequest): Promise<unknown>;
  /** `<dataDir>/media/<accountId>` */
  dir: string;
  log: Logger;
  /** One attempt may take this long (default 2 minutes). */
  timeoutMs?: number;
  /** Attempts in all (default 3). */
  attempts?: number;
}

const extensions: Record<IncomingMedia['kind'], string> = {
  photo: '.jpg',
  voice: '.ogg',
  round: '.mp4',
  video: '.mp4',
  gif: '.mp4',
  sticker: '.webp',
  document: '.bin',
};

/**
 * Downloads a lead's media into the data folder. Runs off the ordered update path (the message is
 * stored before), so a slow or stuck download delays only its own chat: each attempt has a
 * timeout, failures are retried, and FILE_REFERENCE_EXPIRED (the message's copy went stale) is
 * answered by fetching the message again for a fresh file reference, as Telegram documents.
 * Resolves with the stored media; `path` is '' when every attempt failed.
 */
export async function downloadIncomingMedia(deps: MediaDownloaderDeps, peerId: string, media: CandidateMedia): Promise<IncomingMedia> {
  const described: IncomingMedia = {
    kind: media.kind,
    path: '',
    ...(media.emoji ? { emoji: media.emoji } : {}),
    ...(media.fileName ? { fileName: media.fileName } : {}),
    ...(media.mimeType ? { mimeType: media.mimeType } : {}),
  };
  const attempts = deps.attempts ?? 3;
  let message = media.message;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const bytes = await withTimeout(deps.download(message), deps.timeoutMs ?? 120_000);
      if (!Buffer.isBuffer(bytes)) throw new Error('the download returned no bytes');
      await mkdir(deps.dir, { recursive: true, mode: 0o700 });
      const ext = media.kind === 'photo' && media.mimeType?.startsWith('image/') ? `.${media.mimeType.slice(6).replace(/[^a-z0-9]/g, '') || 'jpg'}` : extname(media.fileName ?? '') || extensions[media.kind];
      const path = join(deps.dir, `${peerId}-${message.id}${ext}`);
      await writeFile(path, bytes);
      return { ...described, path };
    } catch (error) {
      deps.log.warn('media download failed', { peerId, telegramId: message.id, attempt, error: describeError(error) });
      if (telegramErrorName(error) === 'FILE_REFERENCE_EXPIRED') message = (await refetch(deps, message).catch(() => undefined)) ?? message;
      else if (attempt < attempts) await new Promise((r) => setTimeout(r, 1_000 * 2 ** attempt));
    }
  }
  return described;
}

/** The same private-chat message again, with fresh file references. */
async function refetch(deps: MediaDownloaderDeps, message: Api.Message): Promise<Api.Message | undefined> {
  const result = await deps.invoke(new Api.messages.GetMessages({ id: [new Api.InputMessageID({ id: message.id })] }));
  if (!(result instanceof Api.messages.Messages || result instanceof Api.messages.MessagesSlice)) return undefined;
  return result.messages.find((m): m is Api.Message => m instanceof Api.Message && m.id === message.id);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the download took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
