import { z } from 'zod';
import { importedDeviceSchema, type ImportedDevice } from '../../../shared/rpc/accountImport';

/**
 * The `.json` that comes next to a Telethon `.session` from account shops and farming tools. There
 * is no formal spec; these are the field names in circulation (the first of each list is the most
 * common): app_id / api_id, app_hash / api_hash, device / device_model, sdk / system_version,
 * app_version, lang_pack / lang_code, system_lang_pack / system_lang_code, twoFA / password / 2fa,
 * phone, user_id / id. Unknown fields are ignored; wrong types make the file unreadable.
 */
const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const optionalText = text.nullable().optional();
const sidecarSchema = z.looseObject({
  app_id: z.coerce.number().int().positive().optional(),
  api_id: z.coerce.number().int().positive().optional(),
  app_hash: optionalText,
  api_hash: optionalText,
  device: optionalText,
  device_model: optionalText,
  sdk: optionalText,
  system_version: optionalText,
  app_version: optionalText,
  lang_pack: optionalText,
  lang_code: optionalText,
  system_lang_pack: optionalText,
  system_lang_code: optionalText,
  twoFA: optionalText,
  password: optionalText,
  '2fa': optionalText,
  phone: optionalText,
  user_id: z.coerce.number().int().optional(),
  id: z.coerce.number().int().optional(),
  /** Some tools put a string session in the json instead of shipping a .session file. */
  string_session: optionalText,
  session: optionalText,
});

export interface SessionSidecar {
  apiId?: number;
  apiHash?: string;
  device?: ImportedDevice;
  password?: string;
  phone?: string;
  userId?: number;
  stringSession?: string;
}

export class SidecarError extends Error {}

export function parseSessionSidecar(bytes: Buffer): SessionSidecar {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new SidecarError('The .json is not valid JSON');
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) throw new SidecarError(`The .json has unexpected values: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const j = parsed.data;
  const first = (...values: (string | null | undefined)[]): string | undefined => values.find((v): v is string => typeof v === 'string' && v !== '');
  const apiId = j.app_id ?? j.api_id;
  const apiHash = first(j.app_hash, j.api_hash);
  const deviceModel = first(j.device, j.device_model);
  const systemVersion = first(j.sdk, j.system_version);
  const appVersion = first(j.app_version);
  const langCode = first(j.lang_code, j.lang_pack);
  const systemLangCode = first(j.system_lang_code, j.system_lang_pack);
  const password = first(j.twoFA, j.password, j['2fa']);
  const phone = first(j.phone)?.replace(/\D/g, '');
  const userId = j.user_id ?? j.id;
  const stringSession = first(j.string_session, j.session);
  const profile = deviceModel && systemVersion && appVersion ? device(deviceModel, systemVersion, appVersion, langCode, systemLangCode) : undefined;
  return {
    ...(apiId === undefined ? {} : { apiId }),
    ...(apiHash && /^[0-9a-f]{32}$/i.test(apiHash) ? { apiHash: apiHash.toLowerCase() } : {}),
    ...(profile ? { device: profile } : {}),
    ...(password ? { password } : {}),
    ...(phone ? { phone } : {}),
    ...(userId ? { userId } : {}),
    ...(stringSession ? { stringSession } : {}),
  };
}

/**
 * The device profile, fitted to what Telegram accepts: `lang_pack` is sometimes a client name
 * ("tdesktop", "android"), in which case the language is unknown; texts are cut to 64 characters.
 */
function device(deviceModel: string, systemVersion: string, appVersion: string, lang: string | undefined, systemLang: string | undefined): ImportedDevice | undefined {
  const langCode = /^[a-z]{2}\b/i.test(lang ?? '') ? (lang ?? '').slice(0, 2).toLowerCase() : 'en';
  const systemLangCode = systemLang && /^[a-z]{2}(?:-[A-Za-z]{2,4})?$/.test(systemLang) ? systemLang : langCode === 'ru' ? 'ru-RU' : 'en-US';
  const parsed = importedDeviceSchema.safeParse({ deviceModel: deviceModel.slice(0, 64), systemVersion: systemVersion.slice(0, 64), appVersion: appVersion.slice(0, 64), langCode, systemLangCode });
  return parsed.success ? parsed.data : undefined;
}
