// Files that must be refused before (or while) they are parsed, each with a
// stable code and a sentence an analyst understands.
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbookUnreadableError } from '../../src/matrix/errors.js';
import { readWorkbook } from '../../src/matrix/read-workbook.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, bigReturn, toXlsx, validReturn } from './fixtures.js';
import { unzip, withPart, zip, type ZipPart } from './zip-tools.js';

let valid: Buffer;
let parts: ZipPart[];
const MB = 1024 * 1024;

beforeAll(async () => {
  valid = await toXlsx(validReturn());
  parts = unzip(valid);
});

async function refusal(buffer: Buffer, limits = {}): Promise<WorkbookUnreadableError> {
  const err = await readWorkbook(buffer, { limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookUnreadableError);
  return err as WorkbookUnreadableError;
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe('files that are not workbooks', () => {
  it('refuses an empty file', async () => {
    expect((await refusal(Buffer.alloc(0))).code).toBe('matrix.not_xlsx');
  });

  it('refuses random bytes', async () => {
    const err = await refusal(Buffer.from([0x00, 0x13, 0x37, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x80, 0x90]));
    expect(err.code).toBe('matrix.not_xlsx');
    expect(err.rule).toBe('V2-FILE-FORMAT');
  });

  it('says a CSV renamed to .xlsx is a text file', async () => {
    const err = await refusal(Buffer.from('Line Ref,Line Name,Deal Numbers\nLEI-L001,JAY,07700900001\n'));
    expect(err.code).toBe('matrix.not_xlsx');
    expect(err.message).toMatch(/text \(CSV\) file/);
  });

  it('refuses a password-protected workbook (an OLE2 compound file)', async () => {
    const cfb = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(4096)]);
    const err = await refusal(cfb);
    expect(err.code).toBe('matrix.password_protected');
    expect(err.message).toBe('the workbook is password-protected; remove the password and upload again');
  });

  it('names what an analyst sent instead: an Excel 97–2003 .xls, a PDF, an OpenDocument spreadsheet', async () => {
    const xls = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(1024), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(1024)]);
    expect(await refusal(xls)).toMatchObject({ code: 'matrix.not_xlsx', message: expect.stringMatching(/^The file is an Excel 97–2003 workbook \(\.xls\).*save it as "Excel Workbook \(\.xlsx\)"/) });
    const encrypted = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(1024), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.from('Workbook', 'utf16le')]);
    expect((await refusal(encrypted)).code).toBe('matrix.password_protected');
    expect((await refusal(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'))).message).toMatch(/^The file is a PDF\./);
    const ods = await refusal(zip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }, { name: 'content.xml', data: Buffer.from('<office:document-content/>') }]));
    expect(ods).toMatchObject({ code: 'matrix.not_workbook', message: expect.stringMatching(/^The file is an OpenDocument spreadsheet \(\.ods\)\./) });
  });

  it('refuses a zip that is not a workbook', async () => {
    const err = await refusal(zip([{ name: 'notes.txt', data: Buffer.from('hello') }]));
    expect(err.code).toBe('matrix.not_workbook');
  });

  it('refuses a truncated file, cut anywhere', async () => {
    for (const cut of [valid.length >> 1, valid.length - 10]) {
      expect((await refusal(valid.subarray(0, cut))).code).toBe('matrix.truncated');
    }
  });

  it('refuses a part whose compressed data is damaged', async () => {
    const broken = zip(withPart(parts, 'xl/worksheets/sheet2.xml', 'x'.repeat(5000), { deflated: Buffer.alloc(200, 0xff) }));
    expect((await refusal(broken)).code).toBe('matrix.corrupt');
  });
});

describe('files built to harm the service', () => {
  it('refuses a zip bomb: 300 MB of zeros in a sheet', async () => {
    const zeros = Buffer.alloc(300 * MB);
    const bomb = zip(withPart(parts, 'xl/worksheets/sheet2.xml', zeros, { deflated: deflateRawSync(zeros, { level: 9 }) }));
    expect(bomb.length).toBeLessThan(2 * MB);
    const err = await refusal(bomb);
    expect(err.code).toBe('matrix.zip_bomb');
    expect(err.rule).toBe('V2-FILE-LIMIT');
  });

  it('refuses a bomb that lies about its size in the zip directory', async () => {
    const zeros = Buffer.alloc(50 * MB);
    const liar = zip(withPart(parts, 'xl/worksheets/sheet2.xml', zeros, { deflated: deflateRawSync(zeros), declaredSize: 4000 }));
    expect((await refusal(liar)).code).toBe('matrix.zip_bomb');
  });

  it('refuses a workbook whose parts unpack past the limit', async () => {
    expect((await refusal(valid, { maxUncompressedBytes: 10_000 })).code).toBe('matrix.too_large');
  });

  it('refuses XML entity expansion (billion laughs) in a sheet', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>';
    const err = await refusal(zip(withPart(parts, 'xl/worksheets/sheet1.xml', laughs)));
    expect(err.code).toBe('matrix.xml_entities');
  });

  it('refuses parts with ../ or absolute paths', async () => {
    for (const name of ['../../etc/cron.d/evil', '/etc/passwd', 'xl/..\\..\\evil.xml', 'C:/evil.xml']) {
      const err = await refusal(zip(withPart(parts, name, 'x')));
      expect(err.code, name).toBe('matrix.unsafe_zip_path');
    }
  });

  it('refuses a file over 20 MB before looking inside', async () => {
    const err = await refusal(Buffer.alloc(20 * MB + 1));
    expect(err.code).toBe('matrix.too_large');
    expect(err.message).toMatch(/limit is 20 MB/);
  });

  it('refuses a sheet of more than 50,000 rows without parsing it', async () => {
    const rows = Array.from({ length: 50_002 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x${i}</t></is></c></row>`).join('');
    const err = await refusal(zip(withPart(parts, 'xl/worksheets/sheet2.xml', sheetXml(rows))));
    expect(err.code).toBe('matrix.too_many_rows');
    expect(err.rule).toBe('V2-FILE-LIMIT');
  });

  it('applies the row limit below the header, row for row', async () => {
    // The fullest sheet of the valid return is Return: six label rows, the first counted as a header.
    expect((await refusal(valid, { maxRowsPerSheet: 4 })).code).toBe('matrix.too_many_rows');
    await expect(readWorkbook(valid, { limits: { maxRowsPerSheet: 5 } })).resolves.toBeDefined();
  });

  it('stops a parse that runs past its time limit', async () => {
    expect((await refusal(valid, { timeoutMs: 1 })).code).toBe('matrix.parse_timeout');
  });

  it('stops a parse that runs out of its memory cap', async () => {
    const big = await toXlsx(bigReturn(500, 5000));
    expect((await refusal(big, { maxHeapMb: 8 })).code).toBe('matrix.parse_memory');
  });

  it('throws from validateBuffer only for unreadable files', async () => {
    await expect(validateBuffer(Buffer.from('a,b\n'), { now: NOW })).rejects.toMatchObject({ code: 'matrix.not_xlsx' });
    await expect(validateBuffer(valid, { now: NOW })).resolves.toMatchObject({ counts: { errors: 0 } });
  });
});
