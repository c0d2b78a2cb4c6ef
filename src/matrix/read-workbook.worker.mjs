// Parse worker (plain JS: a .ts worker entry fails under tsx on Node 20, see
// STACK-NOTES). Runs under a heap cap set by read-workbook.ts, which also
// terminates it on timeout. It first inflates every zip entry itself with a
// hard output cap, because the sizes the zip declares (checked by
// zip-guard.ts) can lie, and exceljs would inflate without any limit. The same
// pass refuses XML entity declarations and counts rows, so a bomb, a billion
// laughs or a 900,000-row sheet never reaches exceljs. exceljs is then given
// those inflated parts, not the zip (exceljs-parts.mjs), so it does not inflate
// them a second time.
// The worker loads exceljs as soon as it starts and then takes jobs one at a
// time, so read-workbook.ts can keep one ready and warm between uploads.
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import CellXform from 'exceljs/lib/xlsx/xform/sheet/cell-xform.js';
import { InflatedParts } from './exceljs-parts.mjs';
import { InflateError, inflateCapped } from './inflate-capped.mjs';

const LOCAL_SIG = 0x04034b50;

class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const SAVE_AGAIN = 'Open it in Excel, save it again as "Excel Workbook (.xlsx)" and upload that copy.';

function inflateEntry(buf, entry) {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) {
    throw new Refusal('matrix.corrupt', `The workbook is damaged. ${SAVE_AGAIN}`);
  }
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  try {
    // +1 so that an entry longer than it claims is caught rather than cut.
    return inflateCapped(data, entry.uncompressedSize + 1);
  } catch (err) {
    if (err instanceof InflateError && err.reason === 'too_large') {
      throw new Refusal('matrix.zip_bomb', 'The file expands to far more data than it declares (a "zip bomb"); it was not opened.');
    }
    throw new Refusal('matrix.corrupt', `The workbook is damaged. ${SAVE_AGAIN}`);
  }
}

/** Rows holding at least one value (`<v>` or inline `<is>`), found without parsing the XML, in one pass. */
function countValueRows(xml) {
  const nextOf = (tag) => {
    let at = -2;
    // Position of the first `tag` at or after `from`; Infinity when none is left.
    return (from) => {
      if (at !== Infinity && at < from) {
        const i = xml.indexOf(tag, from);
        at = i < 0 ? Infinity : i;
      }
      return at;
    };
  };
  const nextV = nextOf('<v');
  const nextIs = nextOf('<is>');
  let rows = 0;
  let pos = xml.indexOf('<row');
  while (pos >= 0) {
    const next = xml.indexOf('<row', pos + 4);
    const value = Math.min(nextV(pos), nextIs(pos));
    if (value < (next < 0 ? Infinity : next)) rows++;
    pos = next;
  }
  return rows;
}

/** Every part (not folder) inflated under the caps and checked, by name, in the zip's order. */
function scanParts(buf, entries, limits) {
  const parts = new Map();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = inflateEntry(buf, entry);
    parts.set(entry.name, data);
    if (data.length !== entry.uncompressedSize) {
      throw new Refusal('matrix.zip_bomb', 'The file expands to more data than it declares; it was not opened.');
    }
    if (!/\.(xml|rels|vml)$/i.test(entry.name)) continue;
    if (data.indexOf('<!DOCTYPE') >= 0 || data.indexOf('<!ENTITY') >= 0) {
      throw new Refusal(
        'matrix.xml_entities',
        'The workbook contains XML declarations that Excel never writes (a known attack); it was not opened.',
      );
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) && countValueRows(data) - 1 > limits.maxRowsPerSheet) {
      throw tooManyRows(null, limits);
    }
  }
  return parts;
}

function tooManyRows(sheet, limits) {
  const which = sheet ? `Sheet "${sheet}" has` : 'A sheet has';
  return new Refusal(
    'matrix.too_many_rows',
    `${which} more than ${limits.maxRowsPerSheet.toLocaleString('en-GB')} data rows, the limit per sheet. Split the return.`,
  );
}

// Parts a return's data never needs, left out before exceljs sees the file
// (STACK-NOTES "Workbooks from other writers"). Notes are always left out:
// exceljs 4.4 only finds them where it writes them itself (xl/commentsN.xml)
// and throws a TypeError on openpyxl's xl/comments/commentN.xml. If exceljs
// still cannot read the file, it is tried once more without drawings, charts
// and styles (dates then arrive as date numbers, which date columns accept).
const NOTES = {
  part: /^xl\/(?:comments[^/]*\.xml|comments\/|threadedComments\/|persons\/)|^xl\/drawings\/(?:_rels\/)?[^/]*\.vml(?:\.rels)?$/i,
  rel: /^(?:comments|vmlDrawing|threadedComment|person)$/,
  sheetElement: null,
};
const DECORATION = {
  part: new RegExp(`${NOTES.part.source}|^xl\\/(?:drawings|charts)\\/|^xl\\/styles\\.xml$`, 'i'),
  rel: /^(?:comments|vmlDrawing|threadedComment|person|drawing|styles)$/,
  // exceljs looks up the relationship of a sheet's <drawing r:id>, so the element goes with it.
  sheetElement: /<(?:\w+:)?drawing\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?drawing>)/g,
};

const RELATIONSHIP = /<Relationship\b[^>]*?(?:\/>|>\s*<\/Relationship>)/g;
const relType = (element) => /\bType="[^"]*\/([^"/]+)"/.exec(element)?.[1] ?? '';

const isRels = (name) => /^xl\/(?:worksheets\/|)_rels\/[^/]+\.rels$/.test(name);
const isSheet = (name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/** The parts without those `strip` names and without the relationships and sheet elements that point to them. */
function withoutParts(parts, strip) {
  if (![...parts.keys()].some((name) => strip.part.test(name))) return parts;
  const dropRels = (data) => Buffer.from(data.toString('utf8').replace(RELATIONSHIP, (el) => (strip.rel.test(relType(el)) ? '' : el)));
  const dropElements = (data) => Buffer.from(data.toString('utf8').replace(strip.sheetElement, ''));
  const kept = new Map();
  for (const [name, data] of parts) {
    if (strip.part.test(name)) continue;
    kept.set(name, isRels(name) ? dropRels(data) : strip.sheetElement && isSheet(name) ? dropElements(data) : data);
  }
  return kept;
}

async function loadWorkbook(parts) {
  for (const strip of [NOTES, DECORATION]) {
    const kept = withoutParts(parts, strip);
    if (strip === DECORATION && kept === parts) break;
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(new InflatedParts(kept));
      return wb;
    } catch {
      // exceljs throws plain Errors and TypeErrors with no codes (STACK-NOTES): try with less, then give up.
    }
  }
  throw new Refusal('matrix.corrupt', `The workbook could not be read; it may be damaged. ${SAVE_AGAIN}`);
}

// exceljs parses an empty formula result (<c t="str"><f>…</f><v></v></c>, what
// Excel saves for ="") as no result at all, the same as a formula never
// calculated (openpyxl writes <v></v> with no t="str"). The empty string is a
// result (MATRIX-V2 §1), so the cell parser is taught to keep it.
const { parseOpen, parseClose } = CellXform.prototype;
CellXform.prototype.parseOpen = function (node) {
  if (!this.parser && node.name === 'c') this.sawValue = false;
  if (!this.parser && node.name === 'v') this.sawValue = true;
  return parseOpen.call(this, node);
};
CellXform.prototype.parseClose = function (name) {
  const open = parseClose.call(this, name);
  const m = this.model;
  if (name === 'c' && m && (m.formula || m.shareType) && this.t === 'str' && this.sawValue && m.result === undefined) m.result = '';
  return open;
};

const isoDate = (d) => (Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10));

function richText(v) {
  return v.richText.map((run) => run.text ?? '').join('');
}

/** A scalar (or a formula's cached result) as { type, value }. */
function scalar(v) {
  if (v === null || v === undefined) return { type: 'none', value: null };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (v instanceof Date) {
    const iso = isoDate(v);
    return iso ? { type: 'date', value: iso } : { type: 'error', value: '#VALUE!' };
  }
  if (typeof v === 'object' && 'error' in v) return { type: 'error', value: String(v.error) };
  if (typeof v === 'object' && 'richText' in v) return { type: 'text', value: richText(v) };
  return { type: 'text', value: String(v) };
}

/**
 * One cell object per distinct (kind, type, value) of a workbook. A return
 * repeats most of its values (codes, areas, YES/NO), and a structured clone
 * keeps shared references: the reply carries each distinct cell once, and the
 * main thread builds it once. Cells are never changed after this.
 */
function cellMaker() {
  const made = new Map();
  return (kind, type, value) => {
    let byType = made.get(kind);
    if (!byType) made.set(kind, (byType = new Map()));
    let byValue = byType.get(type);
    if (!byValue) byType.set(type, (byValue = new Map()));
    let cell = byValue.get(value);
    if (!cell) byValue.set(value, (cell = { kind, type, value }));
    return cell;
  };
}

function toRawCell(v, cell) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return cell('string', 'text', v);
  if (typeof v === 'number') return cell('number', 'number', v);
  if (typeof v !== 'object' || v instanceof Date) {
    const s = scalar(v);
    return cell(s.type === 'text' ? 'string' : s.type === 'error' ? 'error' : s.type, s.type, s.value);
  }
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) return cell('formula-no-result', 'none', null);
    const s = scalar(v.result);
    return cell('formula', s.type, s.value);
  }
  if ('richText' in v) return cell('richtext', 'text', richText(v));
  if ('hyperlink' in v) {
    const text = typeof v.text === 'object' && v.text ? richText(v.text) : String(v.text ?? v.hyperlink);
    return cell('hyperlink', 'text', text);
  }
  if ('error' in v) return cell('error', 'error', String(v.error));
  return cell('string', 'text', String(v));
}

const isBlank = (c) => c === null || (c.type === 'text' && c.value.trim() === '');

function toRawSheet(ws, limits, cell) {
  const rows = [];
  let dataRows = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values;
    const cells = [];
    for (let col = 1; col < values.length; col++) {
      const v = values[col];
      // A formula's value drops a result of 0, FALSE or "" (exceljs copies only truthy fields); the cell keeps it.
      const isFormula = v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);
      cells.push(toRawCell(isFormula ? { ...v, result: row.getCell(col).result } : v, cell));
    }
    if (cells.every(isBlank)) return;
    if (rowNumber > 1 && ++dataRows > limits.maxRowsPerSheet) throw tooManyRows(ws.name, limits);
    rows.push({ row: rowNumber, cells });
  });
  return { name: ws.name, rows };
}

async function run({ bytes, entries, limits }) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wb = await loadWorkbook(scanParts(buf, entries, limits));
  const cell = cellMaker();
  return { sheets: wb.worksheets.map((ws) => toRawSheet(ws, limits, cell)) };
}

parentPort.on('message', (job) =>
  run(job).then(
    (workbook) => parentPort.postMessage({ ok: true, workbook }),
    (err) =>
      parentPort.postMessage(
        err instanceof Refusal
          ? { ok: false, code: err.code, message: err.message }
          : { ok: false, code: 'matrix.corrupt', message: `The workbook could not be read; it may be damaged. ${SAVE_AGAIN}` },
      ),
  ),
);
