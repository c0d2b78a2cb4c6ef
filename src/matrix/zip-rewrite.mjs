// Writes a copy of an upload's zip with some parts left out and some parts
// edited, for the parse worker (plain JS, like the worker itself). Kept parts
// are copied as they are, compressed bytes and CRC included, so a rewrite
// costs little more than the bytes it changes; edited parts are deflated anew.
// Entries come from zip-guard.ts, whose checks (sizes, offsets, methods) the
// worker has already run on this buffer.
import { crc32, deflateRawSync } from 'node:zlib';

const LOCAL_SIG = 0x04034b50;
const CDH_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
/** General purpose flag bit 11: the name is UTF-8 (APPNOTE 4.4.4). */
const UTF8_NAME = 0x0800;

/**
 * @param {Buffer} buf the original zip
 * @param {{ name: string, method: number, compressedSize: number, uncompressedSize: number, localHeaderOffset: number, crc32: number }[]} entries
 * @param {{ drop: (name: string) => boolean, edit: (name: string) => ((data: Buffer) => Buffer) | null, read: (entry: object) => Buffer }} plan
 *   `read` inflates an entry (the worker's capped inflate); it is only called for parts being edited.
 * @returns {Buffer}
 */
export function rewriteZip(buf, entries, plan) {
  const chunks = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    if (plan.drop(entry.name)) continue;
    const editor = plan.edit(entry.name);
    let part;
    if (editor) {
      const data = editor(plan.read(entry));
      part = { method: 8, crc: crc32(data), size: data.length, body: deflateRawSync(data) };
    } else {
      part = { method: entry.method, crc: entry.crc32, size: entry.uncompressedSize, body: storedBytes(buf, entry) };
    }
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAME, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.body.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CDH_SIG, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAME, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.body.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.body);
    centrals.push(central, name);
    offset += 30 + name.length + part.body.length;
  }
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(centrals.length / 2, 8);
  eocd.writeUInt16LE(centrals.length / 2, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...centrals, eocd]);
}

/** The entry's bytes as stored (still compressed), found through its local header. */
function storedBytes(buf, entry) {
  const p = entry.localHeaderOffset;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  return buf.subarray(start, start + entry.compressedSize);
}
