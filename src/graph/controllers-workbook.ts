import { loadExcelJS } from '../xlsx/exceljs.js';
import { neutraliseFormula } from '../xlsx/safe-cell.js';
import { cmp } from './evidence.js';
import type { FactorName } from './factors/factor.js';
import type { RankedPerson } from './rank.js';
import type { SafeguardingEntry } from './safeguarding.js';

// The briefing workbook: ranked controlling minds and the people to safeguard
// beneath them. Every text cell goes through `neutraliseFormula` (CWE-1236):
// names and conditions come from force returns and may start with `=`.
// Handling conditions (MATRIX-V2 V2-HANDLING) travel on every row that has them.

export interface WorkbookMeta {
  title: string;
  /** e.g. `2025-11 to 2026-10`. */
  period: string;
  generatedAt: Date;
  /** When the window's analysis was worked out (the data's as-of time), if not just now. */
  workedOutAt?: Date;
  preparedBy?: string;
  /** Rows on the Controllers sheet (the ranking can hold everyone). */
  maxControllers?: number;
  /** The force records behind a person, written as `FORCE month REF`. */
  sources?: (personId: string) => { force: string; month: string; ref: string }[];
}

const FACTOR_LABEL: Record<FactorName, string> = {
  upstreamLines: 'lines upstream',
  direction: 'levels of command below, not directed',
  intermediaries: 'works through intermediaries',
  brokerage: 'broker between groups',
  exploitationBelow: 'exploited/vulnerable below',
  persistence: 'persistence',
  intelWeight: 'intelligence weight',
  insulation: 'reach with few police contacts',
  rolePrior: 'recorded role',
};

const text = (v: string) => neutraliseFormula(v);
const list = (v: readonly string[]) => text(v.join('; '));
const yes = (b: boolean) => (b ? 'YES' : '');

export async function buildControllersWorkbook(
  ranked: RankedPerson[],
  safeguarding: SafeguardingEntry[],
  meta: WorkbookMeta,
): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = meta.generatedAt;
  wb.creator = 'county-lines-matrix';

  const about = wb.addWorksheet('About');
  about.columns = [{ width: 24 }, { width: 90 }];
  for (const [k, v] of [
    ['Title', meta.title],
    ['Period', meta.period],
    ['Generated', meta.generatedAt.toISOString()],
    ...(meta.workedOutAt ? [['Data as of', `${meta.workedOutAt.toISOString()} (when the window was worked out from the returns)`]] : []),
    ['Prepared by', meta.preparedBy ?? ''],
    ['Method', 'Ranked by network structure (lines upstream, position in the chain of command, intermediaries, brokerage, exploitation below, persistence, intelligence weight). Police contacts never raise a score; recorded roles are a weak prior.'],
  ]) {
    about.addRow([text(k), text(v)]);
  }

  const c = wb.addWorksheet('Controllers', { views: [{ state: 'frozen', ySplit: 1 }] });
  c.columns = [
    { header: 'Rank', key: 'rank', width: 6 },
    { header: 'Score', key: 'score', width: 8 },
    { header: 'Person ID', key: 'id', width: 14 },
    { header: 'Names', key: 'names', width: 30 },
    { header: 'PNC IDs', key: 'pnc', width: 16 },
    { header: 'DOB', key: 'dob', width: 11 },
    { header: 'Child', key: 'child', width: 6 },
    { header: 'Exploited', key: 'exploited', width: 9 },
    { header: 'Vulnerable', key: 'vulnerable', width: 10 },
    { header: 'Forces', key: 'forces', width: 16 },
    { header: 'Source records', key: 'sources', width: 40 },
    { header: 'Lines', key: 'lines', width: 30 },
    { header: 'Top factors', key: 'factors', width: 60 },
    { header: 'Why, in words', key: 'why', width: 90 },
    { header: 'Handling conditions', key: 'handling', width: 40 },
  ];
  for (const r of ranked.slice(0, meta.maxControllers ?? ranked.length)) {
    c.addRow({
      // A child or exploited person (present only when asked for) has no controller rank.
      rank: r.rank ?? '',
      score: Math.round(r.score * 1000) / 1000,
      id: text(r.personId),
      names: list(r.names),
      pnc: list(r.pncIds),
      dob: text(r.dob ?? ''),
      child: yes(r.flags.child),
      exploited: yes(r.flags.exploited),
      vulnerable: yes(r.flags.vulnerable),
      forces: list(r.forces),
      sources: list((meta.sources?.(r.personId) ?? []).map((x) => `${x.force} ${x.month} ${x.ref}`)),
      lines: list(r.lines),
      factors: text(topFactors(r)),
      why: list(r.factors.filter((f) => f.contribution > 0).slice(0, 3).map((f) => f.text)),
      handling: list(r.handlingConditions),
    });
  }
  c.getRow(1).font = { bold: true };

  const s = wb.addWorksheet('Safeguarding', { views: [{ state: 'frozen', ySplit: 1 }] });
  s.columns = [
    { header: 'Group', key: 'group', width: 12 },
    { header: 'Person ID', key: 'id', width: 14 },
    { header: 'Names', key: 'names', width: 30 },
    { header: 'Age', key: 'age', width: 6 },
    { header: 'Exploited', key: 'exploited', width: 10 },
    { header: 'Vulnerabilities', key: 'vuln', width: 30 },
    { header: 'Safeguarding referral', key: 'sg', width: 12 },
    { header: 'NRM referral', key: 'nrm', width: 12 },
    { header: 'Lines', key: 'lines', width: 30 },
    { header: 'Directs', key: 'directs', width: 40 },
    { header: 'Controllers above (rank)', key: 'above', width: 40 },
    { header: 'Handling conditions', key: 'handling', width: 40 },
  ];
  for (const e of safeguarding) {
    s.addRow({
      group: text(e.group),
      id: text(e.personId),
      names: list(e.names),
      age: e.age ?? '',
      exploited: text(e.exploited),
      vuln: list(e.vulnerabilities),
      sg: text(e.safeguardingReferral ?? ''),
      nrm: text(e.nrmReferral ?? ''),
      lines: list(e.lines.map((l) => l.names[0] ?? l.lineId)),
      directs: text(e.directsText),
      above: list(e.controllersAbove.map((a) => `${a.names[0] ?? a.personId} (#${a.rank})`)),
      // The row names the controllers above too, so their conditions travel with it.
      handling: list([...new Set([...e.handlingConditions, ...e.controllersAbove.flatMap((a) => a.handlingConditions)])].sort(cmp)),
    });
  }
  s.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function topFactors(r: RankedPerson): string {
  return r.factors
    .filter((f) => f.contribution > 0)
    .slice(0, 3)
    .map((f) => `${FACTOR_LABEL[f.factor]} ${f.contribution.toFixed(2)}`)
    .join('; ');
}
