// Just enough zip for building hostile files by hand: unpack a workbook,
// change a part, pack it again, optionally lying about sizes or paths.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { readCentralDirectory } from '../../src/matrix/zip-guard.js';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Pretend the part inflates to this many bytes (a lying bomb). */
  declaredSize?: number;
  /** Already-deflated bytes to store as they are (a precomputed bomb). */
  deflated?: Buffer;
}

export function unzip(buffer: Buffer): ZipPart[] {
  return readCentralDirectory(buffer).map((e) => {
    const p = e.localHeaderOffset;
    const start = p + 30 + buffer.readUInt16LE(p + 26) + buffer.readUInt16LE(p + 28);
    const raw = buffer.subarray(start, start + e.compressedSize);
    return { name: e.name, data: e.method === 8 ? inflateRawSync(raw) : Buffer.from(raw) };
  });
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.deflated ?? deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The parts of a workbook with one part replaced (or added). */
export function withPart(parts: ZipPart[], name: string, data: Buffer | string, extra: Partial<ZipPart> = {}): ZipPart[] {
  const part = { name, data: Buffer.isBuffer(data) ? data : Buffer.from(data), ...extra };
  return parts.some((p) => p.name === name) ? parts.map((p) => (p.name === name ? part : p)) : [...parts, part];
}
