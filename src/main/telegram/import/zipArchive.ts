import { crc32, inflateRawSync } from 'node:zlib';
import type { ImportFile } from './importFile';

/**
 * Reads the files of a .zip (stored or deflated entries) into memory. Kept hand-written on purpose
 * (a library such as fflate was weighed): it is this one small file on node's own zlib (inflate and
 * CRC-32), covers what archivers produce for a zipped `tdata` folder or a bundle of `.session`
 * files, skips oversized entries *before* inflating them, and refuses ZIP64, encrypted, damaged
 * (CRC-32 mismatch) and multi-disk archives with a clear message rather than reading them wrong.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Account files are small; anything bigger (media caches inside tdata) is skipped, not inflated. */
const maxEntryBytes = 16 * 1024 * 1024;

export class ZipError extends Error {}

export function readZip(bytes: Buffer): ImportFile[] {
  const end = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const centralSize = bytes.readUInt32LE(end + 12);
  const centralOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new ZipError('ZIP64 archives are not supported; zip the folder with a standard archiver');
  if (centralOffset + centralSize > bytes.length) throw new ZipError('The archive is truncated');
  const files: ImportFile[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipError('The archive directory is damaged');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const expectedCrc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    // Bit 11: UTF-8 names; older archivers write CP437, which for the ASCII names of tdata is the same.
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 0x1) throw new ZipError('The archive is password-protected; unpack it first');
    if (size > maxEntryBytes) continue;
    const data = entryData(bytes, localOffset, compressedSize);
    let content: Buffer;
    if (method === 0) content = Buffer.from(data);
    else if (method === 8) content = inflate(data, name);
    else throw new ZipError(`Unsupported compression method ${method} in the archive`);
    if (crc32(content) !== expectedCrc) throw new ZipError(`The archive is damaged: ${name} does not match its checksum`);
    files.push({ path: name, bytes: content });
  }
  return files;
}

function inflate(data: Buffer, name: string): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: maxEntryBytes });
  } catch {
    throw new ZipError(`The archive is damaged: ${name} cannot be unpacked`);
  }
}

/** Whether the bytes start like a zip archive (local file header or an empty archive). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && (bytes.readUInt32LE(0) === LOCAL || bytes.readUInt32LE(0) === EOCD);
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipError('Not a zip archive (or a damaged one)');
}

function entryData(bytes: Buffer, localOffset: number, compressedSize: number): Buffer {
  if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) throw new ZipError('The archive is damaged');
  const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
  if (start + compressedSize > bytes.length) throw new ZipError('The archive is truncated');
  return bytes.subarray(start, start + compressedSize);
}
