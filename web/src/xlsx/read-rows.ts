// Reads a few rows of one sheet of an .xlsx in the browser, for the grid of
// neighbouring cells around a problem. The report carries only the offending
// cell's value; the workbook the analyst just chose (or the stored original)
// has the rest. Loaded on demand, with no library: the zip is read by hand and
// inflated by the browser's DecompressionStream; the XML by DOMParser.

export type Rows = Map<number, Map<number, string>>;

interface Entry {
  method: number;
  size: number;
  offset: number;
}

function entries(buf: ArrayBuffer): Map<string, Entry> {
  const view = new DataView(buf);
  let eocd = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('This file is not an Excel workbook (.xlsx).');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names = new TextDecoder();
  const out = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const method = view.getUint16(p + 10, true);
    const size = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = names.decode(new Uint8Array(buf, p + 46, nameLen));
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.set(name, { method, size, offset: dataAt });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function text(buf: ArrayBuffer, files: Map<string, Entry>, name: string): Promise<string | null> {
  const e = files.get(name);
  if (!e) return null;
  const bytes = new Uint8Array(buf, e.offset, e.size);
  if (e.method === 0) return new TextDecoder().decode(bytes);
  if (e.method !== 8) throw new Error(`Unsupported compression in ${name}.`);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

const xml = (s: string) => new DOMParser().parseFromString(s, 'application/xml');
const tTexts = (el: Element) => Array.from(el.getElementsByTagName('t'), (t) => t.textContent ?? '').join('');

/** 0-based column index of `AB12`'s letters. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '').toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const doc = xml(stylesXml);
  const custom = new Map<number, string>();
  for (const f of Array.from(doc.getElementsByTagName('numFmt'))) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
  const xfs = doc.getElementsByTagName('cellXfs')[0];
  Array.from(xfs?.getElementsByTagName('xf') ?? []).forEach((xf, i) => {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (BUILTIN_DATE_FORMATS.has(id) || /[dy]/i.test(code)) out.add(i);
  });
  return out;
}

function excelDate(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

interface Book {
  buf: ArrayBuffer;
  files: Map<string, Entry>;
  sheets: Map<string, string>;
  shared: string[];
  dates: Set<number>;
  parsed: Map<string, Document>;
}

const books = new WeakMap<Blob, Promise<Book>>();

async function open(blob: Blob): Promise<Book> {
  const buf = await blob.arrayBuffer();
  const files = entries(buf);
  const wb = xml((await text(buf, files, 'xl/workbook.xml')) ?? '');
  const rels = xml((await text(buf, files, 'xl/_rels/workbook.xml.rels')) ?? '<r/>');
  const targets = new Map(Array.from(rels.getElementsByTagName('Relationship'), (r) => [r.getAttribute('Id'), r.getAttribute('Target') ?? ''] as const));
  const sheets = new Map<string, string>();
  for (const s of Array.from(wb.getElementsByTagName('sheet'))) {
    const target = targets.get(s.getAttribute('r:id') ?? s.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')) ?? '';
    sheets.set(s.getAttribute('name') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sst = await text(buf, files, 'xl/sharedStrings.xml');
  const shared = sst ? Array.from(xml(sst).getElementsByTagName('si'), tTexts) : [];
  return { buf, files, sheets, shared, dates: dateStyles(await text(buf, files, 'xl/styles.xml')), parsed: new Map() };
}

function cellText(c: Element, book: Book): string {
  const type = c.getAttribute('t');
  const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
  switch (type) {
    case 's':
      return book.shared[Number(v)] ?? '';
    case 'inlineStr':
      return tTexts(c);
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'str':
    case 'e':
      return v;
    default: {
      if (v === '') return '';
      const style = Number(c.getAttribute('s') ?? -1);
      return book.dates.has(style) && Number.isFinite(Number(v)) ? excelDate(Number(v)) : v;
    }
  }
}

/** The text of each cell of the given 1-based rows of a sheet. */
export async function readRows(blob: Blob, sheet: string, rows: number[]): Promise<Rows> {
  let pending = books.get(blob);
  if (!pending) books.set(blob, (pending = open(blob)));
  const book = await pending;
  const path = book.sheets.get(sheet);
  if (!path) throw new Error(`The workbook has no sheet named ${sheet}.`);
  let doc = book.parsed.get(path);
  if (!doc) {
    doc = xml((await text(book.buf, book.files, path)) ?? '');
    book.parsed.set(path, doc);
  }
  const wanted = new Set(rows);
  const out: Rows = new Map();
  let rowNo = 0;
  for (const r of Array.from(doc.getElementsByTagName('row'))) {
    rowNo = Number(r.getAttribute('r') ?? rowNo + 1);
    if (!wanted.has(rowNo)) continue;
    const cells = new Map<number, string>();
    let col = -1;
    for (const c of Array.from(r.getElementsByTagName('c'))) {
      const ref = c.getAttribute('r');
      col = ref ? columnIndex(ref) : col + 1;
      cells.set(col, cellText(c, book));
    }
    out.set(rowNo, cells);
  }
  return out;
}
