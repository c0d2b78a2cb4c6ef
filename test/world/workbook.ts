import ExcelJS from 'exceljs';
import type { Address, Association, Line, Nominal, ParsedReturn } from '../../src/matrix/model.js';
import { FORCES } from '../../src/reference/forces.js';
import { neutraliseFormula } from '../../src/xlsx/safe-cell.js';
import { formatPhone, padPnc } from './ids.js';
import { createRng, type Rng } from './random.js';

// A ParsedReturn written as the .xlsx a force would upload (MATRIX-V2 §3–§7).
// `messy` adds what real returns look like while staying valid: shuffled sheets
// and columns, header spellings, blank rows, dates and phones in every accepted
// form, numeric refs as numbers, mixed list separators and code case, rich
// text, a hyperlink and formulas with cached results.

export interface WorkbookOptions {
  messy?: boolean;
  seed?: number;
}

type Kind = 'text' | 'ref' | 'refs' | 'date' | 'list' | 'phones' | 'code' | 'codes' | 'int' | 'pnc' | 'plain';
type Col<R> = readonly [header: string, kind: Kind, get: (r: R) => unknown];

const LINE_COLUMNS: Col<Line>[] = [
  ['Line Ref', 'ref', (l) => l.ref],
  ['Line Name', 'text', (l) => l.name],
  ['Deal Numbers', 'phones', (l) => l.dealNumbers],
  ['Exporting Force', 'plain', (l) => l.exportingForce],
  ['Exporting Area', 'text', (l) => l.exportingArea],
  ['Importing Areas', 'list', (l) => l.importingAreas.map((a) => `${a.force}:${a.area}`)],
  ['Line Status', 'code', (l) => l.status],
  ['Investigation Status', 'code', (l) => l.investigation],
  ['Closed Date', 'date', (l) => l.closedDate],
  ['First Seen', 'date', (l) => l.firstSeen],
  ['Last Activity', 'date', (l) => l.lastActivity],
  ['Drug Types', 'codes', (l) => l.drugTypes],
  ['Child Exploitation', 'code', (l) => l.childExploitation],
  ['Adult Exploitation', 'code', (l) => l.adultExploitation],
  ['Cuckooing', 'code', (l) => l.cuckooing],
  ['Violence', 'code', (l) => l.violence],
  ['Weapons', 'codes', (l) => l.weapons],
  ['Intel Reports', 'int', (l) => l.intelReports],
  ['Best Grading', 'plain', (l) => l.bestGrading],
  ['Evidential', 'code', (l) => l.evidential],
  ['Handling Code', 'code', (l) => l.handlingCode],
  ['Handling Conditions', 'text', (l) => l.handlingConditions],
  ['OCG URN', 'text', (l) => l.ocgUrn],
  ['Notes', 'text', (l) => l.notes],
];

/** Nominal columns; handling is left blank where the row only inherits the line's code and conditions (§5). */
const nominalColumns = (lineOf: Map<string, Line>): Col<Nominal>[] => {
  const own = (n: Nominal) => {
    const line = lineOf.get(n.lineRef);
    return n.handlingCode !== line?.handlingCode || n.handlingConditions !== line?.handlingConditions;
  };
  return [
  ['Nominal Ref', 'ref', (n) => n.ref],
  ['Line Ref', 'ref', (n) => n.lineRef],
  ['Role', 'code', (n) => n.role],
  ['Surname', 'text', (n) => n.surname],
  ['Forenames', 'text', (n) => n.forenames],
  ['Street Names', 'list', (n) => n.streetNames],
  ['DOB', 'date', (n) => n.dob],
  ['Gender', 'code', (n) => n.gender],
  ['PNC ID', 'pnc', (n) => n.pncId],
  ['Home Force', 'plain', (n) => n.homeForce],
  ['Home Postcode District', 'plain', (n) => n.homePostcodeDistrict],
  ['Vulnerabilities', 'codes', (n) => n.vulnerabilities],
  ['Exploited', 'code', (n) => n.exploited],
  ['Exploited By', 'refs', (n) => n.exploitedBy],
  ['Safeguarding Referral', 'code', (n) => n.safeguardingReferral],
  ['NRM Referral', 'code', (n) => n.nrmReferral],
  ['Police Contacts', 'int', (n) => n.policeContacts],
  ['Arrested', 'code', (n) => n.arrested],
  ['Phone Numbers', 'phones', (n) => n.phoneNumbers],
  ['Best Grading', 'plain', (n) => n.bestGrading],
  ['Handling Code', 'code', (n) => (own(n) ? n.handlingCode : null)],
  ['Handling Conditions', 'text', (n) => (own(n) ? n.handlingConditions : null)],
  ];
};

const ADDRESS_COLUMNS: Col<Address>[] = [
  ['Line Ref', 'ref', (a) => a.lineRef],
  ['Postcode', 'plain', (a) => a.postcode],
  ['Address Type', 'code', (a) => a.type],
  ['Occupant Nominal Ref', 'ref', (a) => a.occupantRef],
  ['First Seen', 'date', (a) => a.firstSeen],
  ['Last Seen', 'date', (a) => a.lastSeen],
];

const ASSOCIATION_COLUMNS: Col<Association>[] = [
  ['From Nominal Ref', 'ref', (a) => a.fromRef],
  ['To Nominal Ref', 'ref', (a) => a.toRef],
  ['Relationship', 'code', (a) => a.relationship],
  ['Best Grading', 'plain', (a) => a.bestGrading],
];

const UNKNOWN_HEADERS = ['Source System Ref', 'Tasking Ref', 'Reviewed (Y/N)', 'Extracted On'];
const GUIDANCE_TEXT = 'See the county lines intelligence collection matrix guidance, version 2.';

export async function writeReturnWorkbook(ret: ParsedReturn, opts: WorkbookOptions = {}): Promise<Buffer> {
  const messy = opts.messy ?? false;
  const rng = createRng(opts.seed ?? 1);
  const w = new Writer(rng, messy);
  const wb = new ExcelJS.Workbook();
  const lineOf = new Map(ret.lines.map((l) => [l.ref, l]));
  const sheets: (() => void)[] = [
    () => w.returnSheet(wb, ret),
    () => w.dataSheet(wb, 'Lines', LINE_COLUMNS, ret.lines),
    () => w.dataSheet(wb, 'Nominals', nominalColumns(lineOf), ret.nominals),
  ];
  if (!messy || ret.addresses.length || rng.chance(0.5)) sheets.push(() => w.dataSheet(wb, 'Addresses', ADDRESS_COLUMNS, ret.addresses));
  if (!messy || ret.associations.length || rng.chance(0.5)) sheets.push(() => w.dataSheet(wb, 'Associations', ASSOCIATION_COLUMNS, ret.associations));
  if (messy && rng.chance(0.5)) sheets.push(() => void wb.addWorksheet('Guidance').addRow([GUIDANCE_TEXT]));
  for (const add of messy ? rng.shuffle(sheets) : sheets) add();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

class Writer {
  private formulaBudget = 3;
  private richBudget = 3;

  constructor(private readonly rng: Rng, private readonly messy: boolean) {}

  returnSheet(wb: ExcelJS.Workbook, ret: ParsedReturn): void {
    const { rng, messy } = this;
    const ws = wb.addWorksheet(messy ? rng.pick(['Return', 'return', ' Return ', 'RETURN']) : 'Return');
    const m = ret.meta;
    const forceName = FORCES.find((f) => f.code === m.force)?.name;
    const [y, mo] = m.month.split('-').map(Number);
    const rows: [string, ExcelJS.CellValue][] = [
      ['Force', messy && forceName && rng.chance(0.3) ? neutraliseFormula(forceName) : m.force],
      ['Reporting Month', messy && rng.chance(0.3) ? new Date(Date.UTC(y, mo - 1, 1)) : m.month],
      ['Guidance Version', messy && rng.chance(0.5) ? String(m.guidanceVersion) : m.guidanceVersion],
      ['Nil Return', this.code(m.nilReturn ? 'YES' : 'NO')],
      ['Prepared By', neutraliseFormula(m.preparedBy)],
    ];
    if (m.contactEmail) {
      rows.push(['Contact Email', messy && rng.chance(0.5) ? { text: m.contactEmail, hyperlink: `mailto:${m.contactEmail}` } : m.contactEmail]);
    }
    if (messy && rng.chance(0.3)) rows.push(['Submitted On', neutraliseFormula(`${m.month} return`)]);
    for (const [label, value] of messy ? rng.shuffle(rows) : rows) {
      const row = ws.addRow([this.header(label), value]);
      if (value instanceof Date) row.getCell(2).numFmt = 'mmm yyyy';
    }
  }

  dataSheet<R>(wb: ExcelJS.Workbook, name: string, columns: Col<R>[], records: R[]): void {
    const { rng, messy } = this;
    const ws = wb.addWorksheet(messy ? rng.pick([name, name.toLowerCase(), ` ${name}`, name.toUpperCase()]) : name);
    let cols: (Col<R> | null)[] = columns.slice();
    if (messy) {
      // §4: a column only required "when CLOSED" may be left out when no row needs it.
      if (name === 'Lines' && records.every((r) => (r as Line).closedDate === null) && rng.chance(0.5)) cols = cols.filter((c) => c?.[0] !== 'Closed Date');
      rng.shuffle(cols);
      if (rng.chance(0.6)) cols.splice(rng.int(0, cols.length), 0, null);
    }
    const unknown = rng.pick(UNKNOWN_HEADERS);
    ws.addRow(cols.map((c) => (c ? this.header(c[0]) : unknown)));
    for (const rec of records) {
      if (messy && rng.chance(0.03)) ws.addRow([]);
      const row = ws.addRow([]);
      cols.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (!c) {
          if (rng.chance(0.3)) cell.value = `X${rng.int(1000, 9999)}`;
          return;
        }
        this.put(cell, c[1], c[2](rec));
      });
    }
    if (messy && rng.chance(0.5)) for (let i = rng.int(1, 3); i > 0; i--) ws.addRow([]);
  }

  private header(h: string): string {
    if (!this.messy) return h;
    return this.rng.weighted<string>([
      [h, 5], [h.toLowerCase(), 2], [h.toUpperCase(), 1], [` ${h} `, 1], [h.replace(' ', '  '), 1], [`${h} `, 1],
    ]);
  }

  private code(v: string): string {
    if (!this.messy || !this.rng.chance(0.3)) return v;
    const words = v.toLowerCase().split('_');
    return this.rng.pick([
      v.toLowerCase(),
      words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
      words[0][0].toUpperCase() + words.join(' ').slice(1),
      words.join('-'),
    ]);
  }

  private list(items: string[]): string {
    const sep = this.messy ? this.rng.pick(['; ', ';', ', ', ',', '\n']) : '; ';
    return items.join(sep);
  }

  private put(cell: ExcelJS.Cell, kind: Kind, v: unknown): void {
    const { rng, messy } = this;
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return;
    switch (kind) {
      case 'text': {
        const text = neutraliseFormula(String(v));
        if (messy && this.richBudget > 0 && text.length > 3 && rng.chance(0.05)) {
          this.richBudget--;
          const cut = rng.int(1, text.length - 1);
          cell.value = { richText: [{ text: text.slice(0, cut), font: { bold: true } }, { text: text.slice(cut) }] };
        } else cell.value = text;
        return;
      }
      case 'plain':
        cell.value = String(v);
        return;
      case 'ref':
        cell.value = messy && /^[1-9]\d{0,14}$/.test(String(v)) && rng.chance(0.7) ? Number(v) : String(v);
        return;
      case 'refs':
        cell.value = this.list(v as string[]);
        return;
      case 'list':
        cell.value = neutraliseFormula(this.list(v as string[]));
        return;
      case 'codes':
        cell.value = this.list((v as string[]).map((c) => this.code(c)));
        return;
      case 'code':
        cell.value = this.code(String(v));
        return;
      case 'phones':
        // Text cells, so the leading 0 survives; not neutralised: `+44 …` is a number format the guidance accepts.
        cell.value = this.list((v as string[]).map((p) => (messy ? formatPhone(rng, p) : p)));
        cell.numFmt = '@';
        return;
      case 'pnc':
        cell.value = messy && rng.chance(0.3) ? padPnc(String(v)) : String(v);
        return;
      case 'int': {
        const n = v as number;
        if (messy && this.formulaBudget > 0 && n > 0 && rng.chance(0.05)) {
          this.formulaBudget--;
          const a = rng.int(0, n);
          cell.value = { formula: `${a}+${n - a}`, result: n };
        } else cell.value = n;
        return;
      }
      case 'date': {
        const iso = String(v);
        const form = messy ? rng.int(0, 2) : 0;
        if (form === 0) {
          cell.value = new Date(`${iso}T00:00:00Z`);
          cell.numFmt = 'dd/mm/yyyy';
        } else cell.value = form === 1 ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
        return;
      }
    }
  }
}
