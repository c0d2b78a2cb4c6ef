// Reads a RawWorkbook once into the shape every rule works on: each sheet found
// by name, each header mapped to its column, each cell parsed by its column's
// parser. Nothing here reports; rule sets decide what is wrong (a v1 and a v2
// run share one context).
import { SHEETS, SHEET_KEYS, squashHeader, type ColumnKey, type ColumnSpec, type SheetKey, type Values } from './columns.js';
import { currentMonth, monthEnd } from './dates.js';
import type { RawCell, RawRow, RawWorkbook } from './raw-workbook.js';
import { cellText, isBlankCell, isRef, splitList } from './values.js';

export interface Issue {
  /** Rule id without its version prefix, e.g. `CELL-DATE`. */
  rule: string;
  message: string;
  /**
   * The cell repeats a reference that is itself broken where it is defined
   * (a Nominals Line Ref spelt exactly like an unreadable Line Ref on Lines):
   * one mistake, reported once, at the definition. The value stays unread.
   */
  repeatsBrokenRef?: true;
}

export interface Rec<S extends SheetKey> {
  /** Spreadsheet row; 0 for the Return sheet, whose fields sit on rows of their own. */
  row: number;
  v: Values<S>;
  /** Cells given but unreadable (they have no value in `v`). */
  bad: Partial<Record<ColumnKey<S>, Issue>> | null;
  cells: (RawCell | null)[];
}

export interface SheetData<S extends SheetKey> {
  key: S;
  /** The name as the analyst wrote it; null when the sheet is missing. */
  name: string | null;
  /** 0-based column of each header found (Return sheet: index into its one record's cells). */
  columns: Partial<Record<ColumnKey<S>, number>>;
  /** Return sheet only: the row of each label. */
  labelRows: Partial<Record<ColumnKey<S>, number>>;
  duplicates: { key: ColumnKey<S>; col: number; row: number }[];
  unknown: { header: string; col: number; row: number }[];
  recs: Rec<S>[];
  /** Non-empty rows below the header, whether or not they hold known columns. */
  dataRows: number;
}

export interface Ctx {
  sheets: { [S in SheetKey]: SheetData<S> };
  extraSheets: string[];
  now: Date;
  currentMonth: string;
  /** Reporting month `YYYY-MM` and its last day, when readable. */
  month: string | null;
  monthEnd: string | null;
  /** Reporting force code, when readable. */
  force: string | null;
}

/** Where a value sits in the workbook: sheet-relative row and 0-based column, either unknown. */
export function locate<S extends SheetKey>(sheet: SheetData<S>, rec: Rec<S> | null, key: ColumnKey<S> | null) {
  const col = key === null ? null : sheet.key === 'return' ? (sheet.labelRows[key] !== undefined ? 1 : null) : (sheet.columns[key] ?? null);
  const row = sheet.key === 'return' ? (key === null ? null : (sheet.labelRows[key] ?? null)) : (rec?.row ?? null);
  return { row, col };
}

/** The text of a record's cell in a column, or null when the column is absent or the cell empty. */
export function valueText<S extends SheetKey>(sheet: SheetData<S>, rec: Rec<S> | null, key: ColumnKey<S> | null): string | null {
  const col = key === null ? undefined : sheet.columns[key];
  const cell = rec && col !== undefined ? rec.cells[col] : null;
  return cell && !isBlankCell(cell) ? cellText(cell) : null;
}

export function buildContext(raw: RawWorkbook, now: Date): Ctx {
  const bySheet = new Map<SheetKey, RawWorkbook['sheets'][number]>();
  const extraSheets: string[] = [];
  for (const sheet of raw.sheets) {
    const key = sheetKeyOf(sheet.name);
    if (key && !bySheet.has(key)) bySheet.set(key, sheet);
    else extraSheets.push(sheet.name);
  }
  const sheets = Object.fromEntries(
    SHEET_KEYS.map((key) => {
      const sheet = bySheet.get(key);
      return [key, key === 'return' ? readReturn(sheet?.name ?? null, sheet?.rows ?? []) : readTable(key, sheet?.name ?? null, sheet?.rows ?? [])];
    }),
  ) as Ctx['sheets'];
  markRepeatedBrokenRefs(sheets);
  const meta = sheets.return.recs[0].v;
  return {
    sheets,
    extraSheets,
    now,
    currentMonth: currentMonth(now),
    month: meta.month,
    monthEnd: meta.month ? monthEnd(meta.month) : null,
    force: meta.force,
  };
}

const SHEET_NAMES = new Map(SHEET_KEYS.flatMap((k) => [SHEETS[k].name, ...SHEETS[k].aliases].map((n) => [squashHeader(n), k] as const)));

function sheetKeyOf(name: string): SheetKey | undefined {
  return SHEET_NAMES.get(squashHeader(name));
}

const headerMaps = new Map<SheetKey, Map<string, string>>(
  SHEET_KEYS.map((k) => [
    k,
    new Map(Object.entries(SHEETS[k].columns).flatMap(([key, spec]) => [spec.header, ...spec.aliases].map((h) => [squashHeader(h), key] as const))),
  ]),
);

/** Column key for a header (or Return label), or undefined when unknown. */
export function columnKeyOf<S extends SheetKey>(sheet: S, header: string): ColumnKey<S> | undefined {
  return headerMaps.get(sheet)!.get(squashHeader(header)) as ColumnKey<S> | undefined;
}

function emptySheet<S extends SheetKey>(key: S, name: string | null): SheetData<S> {
  return { key, name, columns: {}, labelRows: {}, duplicates: [], unknown: [], recs: [], dataRows: 0 };
}

function readTable<S extends SheetKey>(key: S, name: string | null, rows: RawRow[]): SheetData<S> {
  const data = emptySheet(key, name);
  const header = rows[0]?.row === 1 ? rows[0] : undefined;
  header?.cells.forEach((cell, col) => {
    if (isBlankCell(cell)) return;
    const text = cellText(cell!).trim();
    const k = columnKeyOf(key, text);
    if (!k) data.unknown.push({ header: text, col, row: 1 });
    else if (data.columns[k] !== undefined) data.duplicates.push({ key: k, col, row: 1 });
    else data.columns[k] = col;
  });
  const mapped = Object.entries(data.columns) as [ColumnKey<S>, number][];
  for (const raw of header ? rows.slice(1) : rows) {
    data.dataRows++;
    // A row with values only in ignored columns is not a record (see docs/guidance.md).
    if (mapped.every(([, col]) => isBlankCell(raw.cells[col]))) continue;
    data.recs.push(parseRec(key, raw.row, raw.cells, mapped));
  }
  return data;
}

/** §3: labels in column A, values in column B, in any order. */
function readReturn<S extends SheetKey>(name: string | null, rows: RawRow[]): SheetData<S> {
  const data = emptySheet('return' as S, name);
  const cells: (RawCell | null)[] = [];
  const mapped: [ColumnKey<S>, number][] = [];
  for (const raw of rows) {
    const label = raw.cells[0];
    if (isBlankCell(label)) continue;
    const text = cellText(label!).trim();
    const k = columnKeyOf(data.key, text);
    if (!k) data.unknown.push({ header: text, col: 0, row: raw.row });
    else if (data.labelRows[k] !== undefined) data.duplicates.push({ key: k, col: 0, row: raw.row });
    else {
      data.labelRows[k] = raw.row;
      data.columns[k] = cells.length;
      mapped.push([k, cells.length]);
      cells.push(raw.cells[1] ?? null);
    }
  }
  data.recs.push(parseRec(data.key, 0, cells, mapped));
  return data;
}

/** Every column of a sheet set to null, copied for each record (cheaper than building it per row). */
const EMPTY_VALUES = new Map(SHEET_KEYS.map((k) => [k, Object.fromEntries(Object.keys(SHEETS[k].columns).map((c) => [c, null]))]));

function parseRec<S extends SheetKey>(key: S, row: number, cells: (RawCell | null)[], mapped: [ColumnKey<S>, number][]): Rec<S> {
  const specs = SHEETS[key].columns as Record<string, ColumnSpec>;
  const v = { ...EMPTY_VALUES.get(key) } as Values<S>;
  let bad: Partial<Record<ColumnKey<S>, Issue>> | null = null;
  for (const [k, col] of mapped) {
    const cell = cells[col];
    if (isBlankCell(cell)) continue;
    const spec = specs[k];
    const issue = formulaIssue(cell!) ?? parseInto(v, k, cell!, spec);
    if (issue) (bad ??= {} as Partial<Record<ColumnKey<S>, Issue>>)[k] = issue;
  }
  return { row, v, bad, cells };
}

function parseInto<S extends SheetKey>(v: Values<S>, k: ColumnKey<S>, cell: RawCell, spec: ColumnSpec): Issue | null {
  const parsed = spec.parse(cell, spec.noun);
  if (parsed.ok) {
    (v as Record<string, unknown>)[k] = parsed.value;
    return null;
  }
  return { rule: parsed.rule ?? spec.rule ?? 'FILE-COLUMN', message: parsed.message };
}

/** §1 (V2-CELL-FORMULA): only a formula's saved result can be used. */
function formulaIssue(cell: RawCell): Issue | null {
  if (cell.kind === 'formula-no-result') {
    return {
      rule: 'CELL-FORMULA',
      message: 'This cell holds a formula with no saved result; open the file in Excel so it calculates, save it, and upload again (or paste the values)',
    };
  }
  if (cell.type === 'error') return { rule: 'CELL-FORMULA', message: `This cell shows the error ${cellText(cell)}; put the value itself in the cell` };
  return null;
}

/** Columns that name a record of another sheet by its reference: [sheet, column, sheet defining the reference]. */
const REFERENCES = [
  ['nominals', 'lineRef', 'lines'],
  ['addresses', 'lineRef', 'lines'],
  ['addresses', 'occupantRef', 'nominals'],
  ['associations', 'fromRef', 'nominals'],
  ['associations', 'toRef', 'nominals'],
  ['nominals', 'exploitedBy', 'nominals'],
] as const satisfies readonly { [S in SheetKey]: readonly [S, ColumnKey<S>, 'lines' | 'nominals'] }[SheetKey][];

/** §1: references compare ignoring case (and the spaces around them). */
const refSpelling = (cell: RawCell) => cellText(cell).trim().toUpperCase();

function markRepeatedBrokenRefs(sheets: Ctx['sheets']): void {
  const broken = { lines: brokenRefs(sheets.lines), nominals: brokenRefs(sheets.nominals) };
  for (const [s, key, target] of REFERENCES) {
    if (!broken[target].size) continue;
    // Typed loosely: one loop spans several sheets (REFERENCES itself is checked against the column keys).
    const sheet = sheets[s] as unknown as { columns: Record<string, number | undefined>; recs: { bad: Record<string, Issue> | null; cells: (RawCell | null)[] }[] };
    const col = sheet.columns[key];
    if (col === undefined) continue;
    for (const rec of sheet.recs) {
      const issue = rec.bad?.[key];
      const cell = rec.cells[col];
      if (!issue || issue.rule === 'CELL-FORMULA' || !cell) continue;
      // A list (Exploited By) is excused only when every item that is not a valid reference repeats a broken one.
      const items = key === 'exploitedBy' ? splitList(refSpelling(cell)) : [refSpelling(cell)];
      if (items.every((item) => broken[target].has(item) || isRef(item))) issue.repeatsBrokenRef = true;
    }
  }
}

/** Spellings of the references of a sheet that could not be read (V2-LINE-REF, V2-NOM-REF). */
function brokenRefs(sheet: SheetData<'lines'> | SheetData<'nominals'>): Set<string> {
  const col = sheet.columns.ref;
  const out = new Set<string>();
  if (col === undefined) return out;
  for (const rec of sheet.recs as Rec<'lines' | 'nominals'>[]) {
    const cell = rec.cells[col];
    if (rec.bad?.ref && rec.bad.ref.rule !== 'CELL-FORMULA' && cell) out.add(refSpelling(cell));
  }
  return out;
}
