// Workbooks written by openpyxl (Python's usual xlsx library), which lays
// out notes differently from Excel and exceljs (xl/comments/commentN.xml +
// xl/drawings/commentsDrawingN.vml) and which exceljs 4.4 alone cannot read.
// The fixtures are written by a small Python script generated here. Needs
// Debian's /usr/bin/python3 with python3-openpyxl; in CI:
//   apt-get update && apt-get install -y --no-install-recommends python3-openpyxl
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/matrix/cell-ref.js';
import { buildTemplate } from '../../src/matrix/template.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, validReturn, type CellInput, type Fixture, type Table } from './fixtures.js';
import { unzip } from './zip-tools.js';

const PYTHON = '/usr/bin/python3';

function hasOpenpyxl(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAS_OPENPYXL = hasOpenpyxl();
const dir = mkdtempSync(join(tmpdir(), 'clim-openpyxl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * argv: spec.json out.xlsx. The spec is either { "roundTrip": "in.xlsx" } (open and
 * save unchanged) or { "sheets": [...] }, each sheet a grid of cells: null, a
 * string, a number, a boolean, { "date": "YYYY-MM-DD" }, or { "text": "…" } (a
 * string in a cell formatted as Text), plus { "notes": { "A1": "…" } }.
 */
const SCRIPT = `
import datetime, json, sys
import openpyxl
from openpyxl.comments import Comment

spec = json.load(open(sys.argv[1]))
if "roundTrip" in spec:
    openpyxl.load_workbook(spec["roundTrip"]).save(sys.argv[2])
    sys.exit(0)
wb = openpyxl.Workbook()
wb.remove(wb.active)
for sheet in spec["sheets"]:
    ws = wb.create_sheet(sheet["name"])
    for r, row in enumerate(sheet["grid"], start=1):
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, dict) and "date" in v:
                cell.value = datetime.date.fromisoformat(v["date"])
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(v, dict) and "text" in v:
                cell.value = v["text"]
                cell.number_format = "@"
            else:
                cell.value = v
    for ref, text in sheet.get("notes", {}).items():
        ws[ref].comment = Comment(text, "analyst")
wb.save(sys.argv[2])
`;

function openpyxl(name: string, spec: unknown): Buffer {
  const script = join(dir, 'write.py');
  writeFileSync(script, SCRIPT);
  const specFile = join(dir, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const out = join(dir, `${name}.xlsx`);
  execFileSync(PYTHON, [script, specFile, out], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  return readFileSync(out);
}

type PyCell = string | number | boolean | null | { date: string } | { text: string };

function pyCell(v: CellInput): PyCell {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') throw new Error('only plain values go through openpyxl here');
  return v;
}

/** The fixture as openpyxl sheets: dates as date cells, phone numbers as text cells, a note on every header. */
function pySheets(fx: Fixture) {
  const table = (t: Table) => ({
    name: t.name,
    grid: [t.headers, ...t.rows.map((r) => t.headers.map((h) => (/Numbers$/.test(h) && typeof r[h] === 'string' ? { text: r[h] } : pyCell(r[h]))))],
    notes: Object.fromEntries(t.headers.map((h, i) => [`${columnLetter(i)}1`, `What goes in ${h}.`])),
  });
  return [
    { name: fx.returnName, grid: fx.meta.map(([label, v]) => [label, pyCell(v)]), notes: { A1: 'Your force code or full force name.' } },
    ...[fx.lines, fx.nominals, fx.addresses!, fx.associations!].map(table),
  ];
}

describe.skipIf(!HAS_OPENPYXL)('workbooks written by openpyxl (skipped: /usr/bin/python3 has no openpyxl)', () => {
  it('reads the template saved unchanged by openpyxl, notes and all, as the blank template', async () => {
    const template = await buildTemplate();
    writeFileSync(join(dir, 'template.xlsx'), template);
    const saved = openpyxl('template-rt', { roundTrip: join(dir, 'template.xlsx') });
    // openpyxl keeps the notes, in its own layout (the one exceljs 4.4 throws on).
    expect(unzip(saved).some((p) => /^xl\/comments\/comment\d+\.xml$/.test(p.name))).toBe(true);
    const original = await validateBuffer(template, { now: NOW });
    const result = await validateBuffer(saved, { now: NOW });
    expect(result.problems).toEqual(original.problems);
  });

  it('accepts a filled return written by openpyxl from scratch, with notes, date cells and phone numbers as text', async () => {
    const fx = validReturn();
    fx.nominals.rows[0]['Phone Numbers'] = '07700900101';
    const buffer = openpyxl('filled', { sheets: pySheets(fx) });
    expect(unzip(buffer).some((p) => /^xl\/drawings\/commentsDrawing\d+\.vml$/.test(p.name))).toBe(true);
    const result = await validateBuffer(buffer, { now: NOW });
    expect(result.problems).toEqual([]);
    expect(result.parsed!.lines[0].firstSeen).toBe('2023-11-01');
    expect(result.parsed!.nominals[0].dob).toBe('1990-05-01');
    expect(result.parsed!.nominals[0].phoneNumbers).toEqual(['+447700900101']);
  });
});
