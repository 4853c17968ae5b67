import {
  convertFromPyrogramSession,
  convertFromTelethonSession,
  convertToGramjsSession,
  DC_MAPPING_PROD,
  DC_MAPPING_TEST,
  type PyrogramSession,
  type TelethonSession,
} from '@mtcute/convert';
import type { ImportFormat } from '../../../shared/rpc/accountImport';

/**
 * String sessions as the other libraries print them, turned into the gramjs/teleproto
 * StringSession Voronka stores. Parsing and re-encoding go through @mtcute/convert; what it does
 * not do is *tell the formats apart* (its parsers accept any base64), so the layouts are checked
 * here byte for byte first:
 * - gramjs:   "1" + base64(dc u8 | ip length u16 | ip text | port u16 | key 256)
 * - Telethon: "1" + urlsafe-base64(dc u8 | ip 4 or 16 bytes | port u16 | key 256)
 * - Pyrogram: urlsafe-base64(dc u8 | api_id u32 | test u8 | key 256 | user id i64 | bot u8),
 *             or the older layout without api_id (user id as u32 or i64).
 */
export interface ParsedSession {
  format: Extract<ImportFormat, 'telethon_string' | 'pyrogram_string' | 'gramjs_string'>;
  /** The same session as a teleproto StringSession string. */
  session: string;
  /** Pyrogram's newer strings carry the api_id they were made with. */
  apiId?: number;
  /** Pyrogram strings carry the user id; used to spot duplicates before connecting. */
  userId?: number;
}

export class SessionFormatError extends Error {}

export function parseSessionString(raw: string): ParsedSession | undefined {
  const text = raw.trim();
  if (!/^[A-Za-z0-9+/=_-]{300,}$/.test(text)) return undefined;
  return (text.startsWith('1') ? (gramjs(text) ?? telethon(text)) : undefined) ?? pyrogram(text);
}

/** A session given as its parts (a Telethon `.session` row), in Voronka's StringSession form. */
export function telethonPartsToGramjs(parts: TelethonSession): string {
  return convertToGramjsSession(convertFromTelethonSession(parts));
}

/** A Pyrogram `.session` row or string in Voronka's StringSession form (Pyrogram stores no address: DC table). */
export function pyrogramPartsToGramjs(parts: PyrogramSession): string {
  if (parts.isBot) throw new SessionFormatError('This is a bot session; Voronka works with personal accounts');
  if (!(parts.isTest ? DC_MAPPING_TEST : DC_MAPPING_PROD)[parts.dcId]) throw new SessionFormatError(`Unknown data centre ${parts.dcId}`);
  return convertToGramjsSession(convertFromPyrogramSession(parts));
}

function decode(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function gramjs(text: string): ParsedSession | undefined {
  const data = decode(text.slice(1));
  if (data.length < 3) return undefined;
  const ipLength = data.readUInt16BE(1);
  if (ipLength < 7 || ipLength > 45 || data.length !== 1 + 2 + ipLength + 2 + 256) return undefined;
  if (!/^[0-9a-f.:]+$/i.test(data.subarray(3, 3 + ipLength).toString('latin1'))) return undefined;
  // Already the format Voronka stores (teleproto reads it as it is).
  return { format: 'gramjs_string', session: text };
}

function telethon(text: string): ParsedSession | undefined {
  const data = decode(text.slice(1));
  if (data.length !== 1 + 4 + 2 + 256 && data.length !== 1 + 16 + 2 + 256) return undefined;
  const ipBytes = data.subarray(1, data.length - 258);
  const ipAddress = ipBytes.length === 4 ? [...ipBytes].join('.') : (ipBytes.toString('hex').match(/.{4}/g) ?? []).join(':');
  const parts: TelethonSession = { dcId: data[0] ?? 0, ipAddress, ipv6: ipBytes.length === 16, port: data.readUInt16BE(data.length - 258), authKey: data.subarray(data.length - 256) };
  return { format: 'telethon_string', session: telethonPartsToGramjs(parts) };
}

function pyrogram(text: string): ParsedSession | undefined {
  const data = decode(text);
  let parts: PyrogramSession;
  if (data.length === 271) {
    parts = { dcId: data[0] ?? 0, apiId: data.readUInt32BE(1), isTest: data[5] !== 0, authKey: data.subarray(6, 262), userId: Number(data.readBigInt64BE(262)), isBot: data[270] !== 0 };
  } else if (data.length === 263 || data.length === 267) {
    // The older layouts: no api_id; the user id as u32 (263 bytes) or i64 (267 bytes).
    const userId = data.length === 263 ? data.readUInt32BE(258) : Number(data.readBigInt64BE(258));
    parts = { dcId: data[0] ?? 0, isTest: data[1] !== 0, authKey: data.subarray(2, 258), userId, isBot: data[data.length - 1] !== 0 };
  } else {
    return undefined;
  }
  if (parts.dcId < 1 || parts.dcId > 5) return undefined;
  return { format: 'pyrogram_string', session: pyrogramPartsToGramjs(parts), ...(parts.apiId ? { apiId: parts.apiId } : {}), userId: parts.userId };
}
