import { z } from 'zod';

/**
 * The sandbox: the headless host started with `--sandbox-telegram` runs a local Telegram server,
 * and these methods make its simulated people write to the sandbox account. Outside sandbox mode
 * every method fails with `unavailable`.
 */

/** A simulated person, by display name: the same name is the same person (and lead) on every start. */
const simulatedName = z.string().trim().min(1).max(64);

const delivered = z.object({
  /** The simulated user's Telegram id (the lead's peer id). */
  userId: z.string(),
  /** The message id in the sandbox account's chat. */
  messageId: z.number().int(),
});

/** The media kinds the sandbox bar offers besides photos (the local server's document kinds). */
export const sandboxMediaKinds = ['image', 'voice', 'round', 'video', 'sticker', 'gif', 'file'] as const;
export type SandboxMediaKind = (typeof sandboxMediaKinds)[number];

export const sandboxMethods = {
  /** Whether this host runs in sandbox mode (always answers; the UI shows the simulator only then). */
  'sandbox.status': { input: z.object({}).strict(), output: z.object({ enabled: z.boolean() }) },
  'sandbox.userWrites': { input: z.object({ name: simulatedName, text: z.string().min(1).max(4096) }).strict(), output: delivered },
  /** `imageBase64`: a PNG or JPEG, as base64 (at most ~10 MB). */
  'sandbox.userSendsPhoto': {
    input: z.object({ name: simulatedName, imageBase64: z.string().min(4).max(14_000_000), caption: z.string().max(1024).optional() }).strict(),
    output: delivered,
  },
  /**
   * A session of another sandbox account (created by name), as a Telegram library would have saved it:
   * DC and auth key, to try importing. `dead`: logged out since; `banned`: the account is banned.
   */
  'sandbox.issueSession': {
    input: z.object({ name: simulatedName, state: z.enum(['good', 'dead', 'banned']).default('good') }).strict(),
    output: z.object({ dcId: z.number().int(), authKeyBase64: z.string(), userId: z.number().int(), phone: z.string() }),
  },
  /** A signed-in phone of the sandbox account `name` scans a QR login code (`tg://login?token=…`). */
  'sandbox.scanQr': { input: z.object({ url: z.string().max(512), name: simulatedName }).strict(), output: z.object({ scanned: z.boolean() }) },
  /**
   * Any other media kind, as Telegram delivers it: an image sent as a file, a voice note, a round
   * video, a video, a sticker (with its emoji), a GIF or a file. Without `dataBase64` a small sample
   * is sent (the inbox shows the kind; a real file plays where the browser can).
   */
  'sandbox.userSendsMedia': {
    input: z
      .object({
        name: simulatedName,
        kind: z.enum(sandboxMediaKinds),
        dataBase64: z.string().min(4).max(14_000_000).optional(),
        mimeType: z.string().max(100).optional(),
        fileName: z.string().max(200).optional(),
        emoji: z.string().max(16).optional(),
        caption: z.string().max(1024).optional(),
      })
      .strict(),
    output: delivered,
  },
  /**
   * Telegram trouble to try how the app reacts: `blocks` — the person blocks the sandbox account (our
   * next message to them is refused); `limits` — Telegram limits the sandbox account for spam
   * (PEER_FLOOD) on its next send to that person.
   */
  /** The simulated person opens the chat and reads what the sandbox account sent them (the chat shows "read"). */
  'sandbox.userReads': { input: z.object({ name: simulatedName }).strict(), output: z.object({ ok: z.literal(true) }) },
  'sandbox.telegramTrouble': { input: z.object({ name: simulatedName, kind: z.enum(['blocks', 'limits']) }).strict(), output: z.object({ ok: z.literal(true) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const sandboxEvents = {} as const satisfies Record<string, z.ZodType>;
