// Looks at an upload before any parser touches it (STACK-NOTES "exceljs and
// hostile uploads"): exceljs has no limits of its own, hangs or balloons on
// truncated files and zip bombs, and loads a non-workbook zip as zero sheets.
// Only the zip's end record and central directory are read here (no inflation),
// so this is cheap enough to run on the request thread. The declared sizes can
// lie; the parse worker inflates each entry with a hard cap to catch that.
import { WorkbookUnreadableError } from './errors.js';
import type { ReadLimits } from './limits.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF_MAGIC = Buffer.from('%PDF-');
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MB = 1024 * 1024;

const fail = (code: ConstructorParameters<typeof WorkbookUnreadableError>[0], message: string) =>
  new WorkbookUnreadableError(code, message);

const SAVE_AS = 'Open it in Excel and save it as "Excel Workbook (.xlsx)", then upload that file.';

/** The zip entries of an upload that is safe to hand to the parser, or a WorkbookUnreadableError. */
export function inspectUpload(buffer: Buffer, limits: ReadLimits): ZipEntry[] {
  if (buffer.length > limits.maxFileBytes) {
    throw fail('matrix.too_large', `The file is ${mb(buffer.length)} MB; the limit is ${mb(limits.maxFileBytes)} MB per return.`);
  }
  if (buffer.length === 0) throw fail('matrix.not_xlsx', 'The file is empty.');
  if (startsWith(buffer, CFB_MAGIC)) {
    // An OLE2 compound file: a password-protected .xlsx (its EncryptedPackage stream; the commonest case),
    // an Excel 97–2003 .xls (a Workbook or Book stream) or another old Office file. Stream names are UTF-16.
    const holds = (stream: string) => buffer.includes(Buffer.from(stream, 'utf16le'));
    if (holds('EncryptedPackage') || !(holds('Workbook') || holds('Book'))) {
      throw fail('matrix.password_protected', 'the workbook is password-protected; remove the password and upload again');
    }
    throw fail('matrix.not_xlsx', `The file is an Excel 97–2003 workbook (.xls), which the service does not read. ${SAVE_AS}`);
  }
  if (!startsWith(buffer, ZIP_MAGIC)) {
    const what = startsWith(buffer, PDF_MAGIC) ? 'is a PDF' : looksLikeText(buffer) ? 'is a text (CSV) file renamed to .xlsx' : 'is not an Excel workbook (.xlsx)';
    throw fail('matrix.not_xlsx', `The file ${what}. ${SAVE_AS}`);
  }
  const entries = readCentralDirectory(buffer);
  checkEntries(entries, buffer.length, limits);
  return entries;
}

function checkEntries(entries: ZipEntry[], fileSize: number, limits: ReadLimits): void {
  let total = 0;
  for (const e of entries) {
    if (isUnsafePath(e.name)) {
      throw fail('matrix.unsafe_zip_path', `The file contains a part with an unsafe path ("${e.name}"); it is not a genuine workbook.`);
    }
    if (e.method !== 0 && e.method !== 8) {
      throw fail('matrix.not_xlsx', `The file uses a compression Excel does not write. ${SAVE_AS}`);
    }
    if (e.localHeaderOffset + e.compressedSize > fileSize) throw truncated();
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) {
      throw fail('matrix.zip_bomb', 'The file expands to far more data than a real workbook of its size (a "zip bomb"); it was not opened.');
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes) {
    throw fail(
      'matrix.too_large',
      `The workbook holds ${mb(total)} MB of data once unpacked; the limit is ${mb(limits.maxUncompressedBytes)} MB. Split the return or remove unused sheets.`,
    );
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    // LibreOffice's own format is a zip too, with content.xml where a workbook has xl/workbook.xml.
    const what = entries.some((e) => e.name === 'content.xml') ? 'an OpenDocument spreadsheet (.ods)' : 'a zip archive but not an Excel workbook';
    throw fail('matrix.not_workbook', `The file is ${what}. ${SAVE_AS}`);
  }
}

/** Entries listed in the zip's central directory (APPNOTE 4.3.12, 4.3.16). */
export function readCentralDirectory(buffer: Buffer): ZipEntry[] {
  const eocd = findEocd(buffer);
  if (eocd < 0) throw truncated();
  const count = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: only needed past 4 GB or 65,535 parts, which no return comes near.
    throw fail('matrix.too_large', 'The file is far larger than any return can be.');
  }
  if (cdOffset + cdSize > eocd) throw truncated();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== CDH_SIG) throw truncated();
    const flags = buffer.readUInt16LE(p + 8);
    const nameLen = buffer.readUInt16LE(p + 28);
    const extraLen = buffer.readUInt16LE(p + 30);
    const commentLen = buffer.readUInt16LE(p + 32);
    if (flags & 0x1) {
      throw fail('matrix.password_protected', 'the workbook is password-protected; remove the password and upload again');
    }
    entries.push({
      name: buffer.toString('utf8', p + 46, p + 46 + nameLen),
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      uncompressedSize: buffer.readUInt32LE(p + 24),
      localHeaderOffset: buffer.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function findEocd(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - EOCD_MIN - MAX_COMMENT);
  for (let i = buffer.length - EOCD_MIN; i >= stop; i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

function isUnsafePath(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split(/[/\\]/).some((segment) => segment === '..') ||
    name.includes('\0')
  );
}

function looksLikeText(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 4096);
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
  return printable / head.length > 0.95;
}

const startsWith = (buffer: Buffer, magic: Buffer) => buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const truncated = () =>
  fail('matrix.truncated', 'The file is incomplete (it was cut short while copying or uploading). Upload the original workbook again.');
