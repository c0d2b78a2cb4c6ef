// A valid version-2 return built by code, so a test reads what is in it and
// tweaks one cell. `toRaw` gives the RawWorkbook the reader would produce (fast,
// for rule tables); `toXlsx` writes a real workbook through exceljs.
import ExcelJS from 'exceljs';
import type { RawCell, RawWorkbook } from '../../src/matrix/raw-workbook.js';

export type CellInput =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | { formula: string; result?: string | number | boolean | Date }
  | { richText: { text: string }[] }
  | { text: string; hyperlink: string }
  | { error: string };

export interface Table {
  name: string;
  headers: string[];
  rows: Record<string, CellInput>[];
}

export interface Fixture {
  returnName: string;
  /** Label → value, written as rows of the Return sheet in this order. */
  meta: [string, CellInput][];
  lines: Table;
  nominals: Table;
  addresses: Table | null;
  associations: Table | null;
  extra: Table[];
  /** Sheet order by role; tests shuffle it. */
  order: ('return' | 'lines' | 'nominals' | 'addresses' | 'associations' | 'extra')[];
}

export const NOW = new Date('2024-04-15T12:00:00Z');
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const LINE_HEADERS = [
  'Line Ref', 'Line Name', 'Deal Numbers', 'Exporting Force', 'Exporting Area', 'Importing Areas', 'Line Status',
  'Investigation Status', 'Closed Date', 'First Seen', 'Last Activity', 'Drug Types', 'Child Exploitation',
  'Adult Exploitation', 'Cuckooing', 'Violence', 'Weapons', 'Intel Reports', 'Best Grading', 'Evidential',
  'Handling Code', 'Handling Conditions', 'OCG URN', 'Notes',
];

export const NOMINAL_HEADERS = [
  'Nominal Ref', 'Line Ref', 'Role', 'Surname', 'Forenames', 'Street Names', 'DOB', 'Gender', 'PNC ID', 'Home Force',
  'Home Postcode District', 'Vulnerabilities', 'Exploited', 'Exploited By', 'Safeguarding Referral', 'NRM Referral',
  'Police Contacts', 'Arrested', 'Phone Numbers', 'Best Grading', 'Handling Code', 'Handling Conditions',
];

export function validReturn(): Fixture {
  return {
    returnName: 'Return',
    meta: [
      ['Force', 'LEI'],
      ['Reporting Month', '2024-03'],
      ['Guidance Version', 2],
      ['Nil Return', 'NO'],
      ['Prepared By', 'Analyst 4521'],
      ['Contact Email', 'analyst@leics.police.example'],
    ],
    lines: {
      name: 'Lines',
      headers: [...LINE_HEADERS],
      rows: [
        {
          'Line Ref': 'LEI-L001', 'Line Name': 'JAY', 'Deal Numbers': '07700 900001', 'Exporting Force': 'MET', 'Exporting Area': 'Lambeth',
          'Importing Areas': 'LEI:Market Harborough; LEI:Loughborough', 'Line Status': 'ACTIVE', 'Investigation Status': 'ACTIVE_INVESTIGATION',
          'First Seen': d('2023-11-01'), 'Last Activity': d('2024-03-20'), 'Drug Types': 'HEROIN; CRACK', 'Child Exploitation': 'YES',
          'Adult Exploitation': 'NO', Cuckooing: 'YES', Violence: 'UNKNOWN', Weapons: 'KNIFE', 'Intel Reports': 3, 'Best Grading': '2B',
          Evidential: 'YES', 'Handling Code': 'P',
        },
        {
          'Line Ref': 'LEI-L002', 'Line Name': 'BUGZY', 'Deal Numbers': '+44 7700 900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
          'Importing Areas': 'NTH:Corby', 'Line Status': 'CLOSED', 'Investigation Status': 'INTEL_ONLY', 'Closed Date': d('2024-03-10'),
          'First Seen': d('2023-06-01'), 'Last Activity': d('2024-03-09'), 'Drug Types': 'COCAINE', 'Child Exploitation': 'NO',
          'Adult Exploitation': 'UNKNOWN', Cuckooing: 'NO', Violence: 'NO', 'Intel Reports': 1, 'Best Grading': '1A', Evidential: 'NO',
          'Handling Code': 'C', 'Handling Conditions': 'Not to be shared outside EMSOU', 'OCG URN': 'OCG-1234',
        },
      ],
    },
    nominals: {
      name: 'Nominals',
      headers: [...NOMINAL_HEADERS],
      rows: [
        {
          'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L001', Role: 'CONTROLLER', Surname: 'SMITH', Forenames: 'John', DOB: d('1990-05-01'),
          Gender: 'M', 'PNC ID': '98/1234567L', 'Home Force': 'MET', 'Home Postcode District': 'SW9', Exploited: 'NO',
          'Safeguarding Referral': 'NO', 'Police Contacts': 1, Arrested: 'NO', 'Phone Numbers': '07700 900101', 'Best Grading': '2B',
        },
        {
          'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L002', Role: 'LINE_HOLDER', Surname: 'Smith', Forenames: 'John', 'Street Names': 'JJ',
          Exploited: 'NO', 'Police Contacts': 0,
        },
        {
          'Nominal Ref': 'LEI-N002', 'Line Ref': 'LEI-L001', Role: 'RUNNER', Surname: 'DOE', Forenames: 'Jamie', DOB: d('2007-09-10'),
          Gender: 'X', Vulnerabilities: 'MISSING_EPISODES', Exploited: 'YES', 'Exploited By': 'LEI-N001', 'Safeguarding Referral': 'YES',
          'NRM Referral': 'YES', 'Police Contacts': 2, Arrested: 'YES',
        },
        {
          'Nominal Ref': 'LEI-N003', 'Line Ref': 'LEI-L001', Role: 'CUCKOOED_OCCUPANT', Surname: 'BROWN', Forenames: 'Alan', DOB: d('1960-01-01'),
          Vulnerabilities: 'SUBSTANCE_DEPENDENCY', Exploited: 'YES', 'Safeguarding Referral': 'YES', 'Police Contacts': 0,
        },
      ],
    },
    addresses: {
      name: 'Addresses',
      headers: ['Line Ref', 'Postcode', 'Address Type', 'Occupant Nominal Ref', 'First Seen', 'Last Seen'],
      rows: [{ 'Line Ref': 'LEI-L001', Postcode: 'LE16 7AA', 'Address Type': 'CUCKOOED', 'Occupant Nominal Ref': 'LEI-N003', 'First Seen': d('2024-01-05'), 'Last Seen': d('2024-03-18') }],
    },
    associations: {
      name: 'Associations',
      headers: ['From Nominal Ref', 'To Nominal Ref', 'Relationship', 'Best Grading'],
      rows: [
        { 'From Nominal Ref': 'LEI-N001', 'To Nominal Ref': 'LEI-N002', Relationship: 'DIRECTS', 'Best Grading': '2B' },
        { 'From Nominal Ref': 'LEI-N001', 'To Nominal Ref': 'LEI-N003', Relationship: 'EXPLOITS' },
      ],
    },
    extra: [],
    order: ['return', 'lines', 'nominals', 'addresses', 'associations', 'extra'],
  };
}

export function setMeta(fx: Fixture, label: string, value: CellInput): void {
  const row = fx.meta.find(([l]) => l === label);
  if (row) row[1] = value;
  else fx.meta.push([label, value]);
}

export function dropColumn(table: Table, header: string): void {
  table.headers = table.headers.filter((h) => h !== header);
}

function sheetsOf(fx: Fixture): { name: string; grid: CellInput[][] }[] {
  const table = (t: Table) => ({ name: t.name, grid: [t.headers, ...t.rows.map((r) => t.headers.map((h) => r[h]))] });
  return fx.order.flatMap((role) => {
    if (role === 'return') return [{ name: fx.returnName, grid: fx.meta.map(([l, v]) => [l, v]) }];
    if (role === 'extra') return fx.extra.map(table);
    const t = fx[role];
    return t ? [table(t)] : [];
  });
}

/** The cell as the parse worker would hand it over. */
export function rawCell(v: CellInput): RawCell | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return { kind: 'string', type: 'text', value: v };
  if (typeof v === 'number') return { kind: 'number', type: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', type: 'boolean', value: v };
  if (v instanceof Date) return { kind: 'date', type: 'date', value: v.toISOString().slice(0, 10) };
  if ('formula' in v) {
    if (v.result === undefined) return { kind: 'formula-no-result', type: 'none', value: null };
    const r = rawCell(v.result)!;
    return { ...r, kind: 'formula' };
  }
  if ('richText' in v) return { kind: 'richtext', type: 'text', value: v.richText.map((r) => r.text).join('') };
  if ('hyperlink' in v) return { kind: 'hyperlink', type: 'text', value: v.text };
  return { kind: 'error', type: 'error', value: v.error };
}

export function toRaw(fx: Fixture): RawWorkbook {
  return {
    sheets: sheetsOf(fx).map(({ name, grid }) => ({
      name,
      rows: grid
        .map((cells, i) => ({ row: i + 1, cells: cells.map(rawCell) }))
        .filter((r) => r.cells.some((c) => c !== null)),
    })),
  };
}

export async function toXlsx(fx: Fixture): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const { name, grid } of sheetsOf(fx)) {
    const ws = wb.addWorksheet(name);
    grid.forEach((cells, i) => {
      cells.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(i + 1, c + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid return of `lineCount` lines and `nominalRows` nominal rows (for size and speed tests). */
export function bigReturn(lineCount: number, nominalRows: number): Fixture {
  const fx = validReturn();
  const [line] = fx.lines.rows;
  const [controller, , runner] = fx.nominals.rows;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  fx.lines.rows = Array.from({ length: lineCount }, (_, i) => ({
    ...line,
    'Line Ref': `LEI-L${pad(i, 5)}`,
    'Deal Numbers': `07700 ${pad(i, 6)}`,
  }));
  fx.nominals.rows = Array.from({ length: nominalRows }, (_, i) => {
    const lineRef = `LEI-L${pad(i % lineCount, 5)}`;
    return i < lineCount
      ? { ...controller, 'Nominal Ref': `LEI-C${pad(i, 6)}`, 'Line Ref': lineRef, 'Phone Numbers': `07800 ${pad(i, 6)}` }
      : { ...runner, 'Nominal Ref': `LEI-R${pad(i, 6)}`, 'Line Ref': lineRef, 'Exploited By': null };
  });
  fx.addresses = null;
  fx.associations = null;
  fx.order = ['return', 'lines', 'nominals'];
  return fx;
}

/** Types a fixture into a template the way an analyst would: by header, in the template's own cells. */
export async function fillTemplate(template: Buffer, tweak: (fx: Fixture) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const fx = validReturn();
  tweak(fx);
  const ret = wb.getWorksheet('Return')!;
  ret.eachRow((row) => {
    const found = fx.meta.find(([label]) => label === row.getCell(1).text);
    if (found) row.getCell(2).value = found[1] as ExcelJS.CellValue;
  });
  const fill = (table: Table) => {
    const ws = wb.getWorksheet(table.name)!;
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => cols.set(cell.text, col));
    table.rows.forEach((record, i) => {
      for (const [header, value] of Object.entries(record)) {
        if (value !== null && value !== undefined) ws.getCell(i + 2, cols.get(header)!).value = value as ExcelJS.CellValue;
      }
    });
  };
  for (const t of [fx.lines, fx.nominals, fx.addresses!, fx.associations!]) fill(t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
