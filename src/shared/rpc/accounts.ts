import { z } from 'zod';
import { noInput } from './common';

/** Telegram accounts: login wizard, session import, per-account settings, live status. */

export const accountStatuses = ['needs_login', 'connecting', 'online', 'offline', 'flood_limited', 'banned', 'disabled'] as const;
export const accountStatusSchema = z.enum(accountStatuses);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/**
 * How the account behaves like a person: typing time, read marks, rate caps. Stored as the
 * account's `human` JSON, which may hold only some fields: the rest come from `humanDefaults`.
 */
const humanShape = {
  /** "typing…" lasts text length ÷ this many characters per second… */
  typingCharsPerSecond: z.number().positive().max(1000),
  /** …but never longer than this (ms). 0 sends at once without a typing action. */
  typingMaxMs: z.number().int().min(0).max(60_000),
  /** Mark the lead's messages read before answering. */
  markRead: z.boolean(),
  /** Account-wide cap on sent messages per rolling minute; 0 turns the cap off (load tests, own risk). */
  messagesPerMinute: z.number().int().min(0).max(600),
  /** Account-wide cap on chats that get their first message from us per rolling 24 h; 0 turns it off. */
  newChatsPerDay: z.number().int().min(0).max(100_000),
  /** After Telegram's PEER_FLOOD (spam limit) automatic sending pauses this long, unless resumed sooner. */
  peerFloodPauseHours: z.number().int().min(1).max(168),
  /** The owner writing in a chat from another device (their phone) puts that chat in manual. */
  ownerRepliesTakeOver: z.boolean(),
};
export const humanSettingsSchema = z.object(humanShape);
/** A partial change (or a partially stored value): no defaults here, so missing means "unchanged". */
export const humanSettingsPatchSchema = z.object(humanShape).partial();
export type HumanSettings = z.output<typeof humanSettingsSchema>;
export const humanDefaults: HumanSettings = {
  typingCharsPerSecond: 15,
  typingMaxMs: 8_000,
  markRead: true,
  messagesPerMinute: 20,
  newChatsPerDay: 100,
  peerFloodPauseHours: 12,
  ownerRepliesTakeOver: true,
};

/**
 * What the account tells Telegram about the client (initConnection), as Settings → Devices shows
 * it. Stored per account and kept, so the session looks like one device across restarts.
 */
const deviceText = z.string().trim().min(1).max(64);
export const deviceProfileSchema = z.object({
  deviceModel: deviceText,
  systemVersion: deviceText,
  appVersion: deviceText,
  /** ISO 639-1, e.g. "ru". */
  langCode: z.string().regex(/^[a-z]{2}$/, 'langCode'),
  /** e.g. "ru-RU". */
  systemLangCode: z.string().regex(/^[a-z]{2}(?:-[A-Za-z]{2,4})?$/, 'A language tag, e.g. ru-RU'),
});
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);

/**
 * A proxy as the user enters it. Secrets (SOCKS password, MTProxy secret) go in, but never come
 * back out: views carry `hasPassword` / `hasSecret` instead.
 */
export const proxyInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('socks5'), host, port, username: z.string().max(255).optional(), password: z.string().max(255).optional() }).strict(),
  z
    .object({
      type: z.literal('mtproxy'),
      host,
      port,
      // 32 hex chars, optionally prefixed dd (random padding). ee (fake TLS) is refused: teleproto
      // cannot speak it, and an accepted-but-unusable proxy would leave the account "connecting".
      secret: z
        .string()
        .trim()
        .refine((s) => !/^ee[0-9a-f]{32}/i.test(s), 'Fake-TLS MTProxy secrets (starting with ee) are not supported: ask for a plain or dd secret, or use SOCKS5')
        .refine((s) => /^(?:dd)?[0-9a-f]{32}$/i.test(s) || /^ee[0-9a-f]{32}/i.test(s), 'MTProxy secret: 32 hex characters, optionally with a dd prefix'),
    })
    .strict(),
]);
export type ProxyInput = z.infer<typeof proxyInputSchema>;

export const proxyViewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('socks5'), host: z.string(), port: z.number(), username: z.string().nullable(), hasPassword: z.boolean() }),
  z.object({ type: z.literal('mtproxy'), host: z.string(), port: z.number(), hasSecret: z.literal(true) }),
]);
export type ProxyView = z.infer<typeof proxyViewSchema>;

/** What the UI sees of an account: never the session, the API hash or proxy secrets. */
export const accountViewSchema = z.object({
  id: z.number().int(),
  phone: z.string().nullable(),
  telegramUserId: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  status: accountStatusSchema,
  statusReason: z.string().nullable(),
  floodUntil: z.number().nullable(),
  apiId: z.number().int().nullable(),
  hasApiHash: z.boolean(),
  hasSession: z.boolean(),
  proxy: proxyViewSchema.nullable(),
  human: humanSettingsSchema,
  device: deviceProfileSchema,
  scriptId: z.number().int().nullable(),
  enabled: z.boolean(),
  /** Rolling 24 h, as the caps count them: messages sent and chats that got their first message. */
  activity: z.object({ messages24h: z.number().int(), newChats24h: z.number().int() }),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/** API credentials from https://my.telegram.org → API development tools. */
const apiCredentials = {
  apiId: z.number().int().positive(),
  apiHash: z.string().regex(/^[0-9a-f]{32}$/i, 'apiHash'),
};

export const codeVia = z.enum(['app', 'sms', 'call', 'email', 'other']);
export type CodeVia = z.infer<typeof codeVia>;

export const loginFailureReasons = [
  'phone_invalid',
  'phone_banned',
  'api_id_invalid',
  'code_invalid',
  'code_expired',
  'password_invalid',
  'session_invalid',
  'flood_wait',
  /** sentCodeTypeSetUpEmailRequired: Telegram wants a login e-mail set up in its own app first. */
  'email_setup_required',
  /** auth.resendCode refused: no other way to send the code is left. */
  'resend_unavailable',
  'network',
] as const;
export type LoginFailureReason = (typeof loginFailureReasons)[number];

/**
 * Each wizard step answers with the next state. A wrong code or password is a state, not an RPC
 * failure: the wizard stays on its step, shows `reason`, and the same `loginId` can try again.
 */
export const loginStateSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('code_sent'),
    loginId: z.string(),
    phone: z.string(),
    /** Where the code went: the Telegram app on another device, SMS, a call, or the login e-mail. */
    via: codeVia,
    /** Digits in the code, when Telegram says. */
    length: z.number().int().nullable(),
    /** For `email`: the masked address (`o*****r@example.com`). */
    emailPattern: z.string().nullable(),
    /** What "send it another way" (auth.resendCode) would use, or null when nothing is left. */
    nextVia: codeVia.nullable(),
    /** Telegram's countdown before resending is allowed (seconds from `sentAt`). */
    resendAfterSeconds: z.number().int().nullable(),
    sentAt: z.number(),
  }),
  /** QR login: show `url` as a QR code until `expiresAt` (ms); poll accounts.loginStatus for what follows. */
  z.object({ state: z.literal('qr'), loginId: z.string(), url: z.string(), expiresAt: z.number() }),
  z.object({ state: z.literal('password_needed'), loginId: z.string(), hint: z.string() }),
  z.object({ state: z.literal('signed_in'), account: accountViewSchema }),
  z.object({
    state: z.literal('failed'),
    /** Still usable for another attempt at the same step, or null when the wizard must restart. */
    loginId: z.string().nullable(),
    reason: z.enum(loginFailureReasons),
    /** For `flood_wait`: how long Telegram asks to wait. */
    retryAfterSeconds: z.number().int().nullable(),
    message: z.string(),
  }),
]);
export type LoginState = z.infer<typeof loginStateSchema>;

const accountId = z.object({ id: z.number().int().positive() }).strict();

/** What "Test proxy" found: reached Telegram through it, or which step failed. */
export const proxyTestSchema = z.object({
  ok: z.boolean(),
  problem: z.enum(['refused', 'auth', 'timeout', 'unreachable', 'secret', 'failed']).nullable(),
  detail: z.string().nullable(),
  /** Time to a working MTProto connection through the proxy. */
  elapsedMs: z.number().nullable(),
});
export type ProxyTest = z.infer<typeof proxyTestSchema>;

/** The accounts methods. */
export const accountsContract = {
  'accounts.list': { input: noInput, output: z.array(accountViewSchema) },
  'accounts.startLogin': {
    input: z.object({ phone: z.string().trim().min(5).max(32), ...apiCredentials, proxy: proxyInputSchema.nullable().optional(), scriptId: z.number().int().nullable().optional() }).strict(),
    output: loginStateSchema,
  },
  'accounts.submitCode': { input: z.object({ loginId: z.string().min(1), code: z.string().trim().min(1).max(16) }).strict(), output: loginStateSchema },
  'accounts.submitPassword': { input: z.object({ loginId: z.string().min(1), password: z.string().min(1).max(256) }).strict(), output: loginStateSchema },
  /** "Send the code another way" (auth.resendCode), allowed once the countdown is over. */
  'accounts.resendCode': { input: z.object({ loginId: z.string().min(1) }).strict(), output: loginStateSchema },
  /** Starts a QR login: the answer is a `qr` state whose token refreshes by itself before it expires. */
  'accounts.startQrLogin': {
    input: z.object({ ...apiCredentials, proxy: proxyInputSchema.nullable().optional(), scriptId: z.number().int().nullable().optional() }).strict(),
    output: loginStateSchema,
  },
  /** The current state of a login (QR: the fresh token, or what happened after the scan). */
  'accounts.loginStatus': { input: z.object({ loginId: z.string().min(1) }).strict(), output: loginStateSchema },
  /** Connects to Telegram through the proxy (no account needed) before it is saved. */
  'accounts.testProxy': { input: z.object({ proxy: proxyInputSchema }).strict(), output: proxyTestSchema },
  'accounts.cancelLogin': { input: z.object({ loginId: z.string().min(1) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'accounts.importSession': {
    input: z.object({ session: z.string().trim().min(10).max(4096), ...apiCredentials, proxy: proxyInputSchema.nullable().optional(), scriptId: z.number().int().nullable().optional() }).strict(),
    output: loginStateSchema,
  },
  'accounts.update': {
    input: z
      .object({
        id: z.number().int().positive(),
        apiId: apiCredentials.apiId.optional(),
        apiHash: apiCredentials.apiHash.optional(),
        /** null removes the proxy. */
        proxy: proxyInputSchema.nullable().optional(),
        human: humanSettingsPatchSchema.strict().optional(),
        /** Applies on the next connection (the account reconnects). */
        device: deviceProfileSchema.strict().optional(),
        scriptId: z.number().int().nullable().optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
    output: accountViewSchema,
  },
  /** Ends the session at Telegram (auth.logOut) and forgets it; the account, its leads and settings stay. */
  'accounts.logOut': { input: accountId, output: accountViewSchema },
  /** Lifts a PEER_FLOOD / FLOOD_WAIT pause now: the operator checked @SpamBot and wants to go on. */
  'accounts.resumeSending': { input: accountId, output: accountViewSchema },
  /** Forgets the account and everything of it (leads, messages). Does not log the session out. */
  'accounts.remove': { input: accountId, output: z.object({ removed: z.boolean() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const accountStatusEventSchema = z.object({
  accountId: z.number().int(),
  status: accountStatusSchema,
  statusReason: z.string().nullable(),
  floodUntil: z.number().nullable(),
});
export type AccountStatusEvent = z.infer<typeof accountStatusEventSchema>;

/** RPC methods of the accounts domain (see src/shared/rpc.ts for the contract's rules). */
export const accountsMethods = accountsContract;

/** Events of the accounts domain pushed to every renderer. */
export const accountsEvents = {
  'accounts.status': accountStatusEventSchema,
} as const satisfies Record<string, z.ZodType>;
