import { parseStoredTables, type StoredReturnTexts } from '../matrix/returns.repository.js';
import { buildRegionalReturnWorkbook } from './export.js';
import type { DeconflictionAlert, MergedLine, MergedPerson, MergeResult, ReviewPair } from './model.js';
import { unpackSources } from './stored-items.js';

/**
 * What the regional return workbook of a stored merge is made from, as the
 * database gave it: the merge's items and its returns' tables as JSON texts.
 * The analysis worker parses and writes it (issue #12.1: a national merge's
 * items are over 100 MB, and parsing them and writing the workbook took the
 * event loop for seconds).
 */
export interface RegionalWorkbookTexts {
  region: string;
  month: string;
  missing: string[];
  nil: string[];
  generatedAt: Date;
  items: { people: string[]; lines: string[]; alerts: string[]; review: string[] };
  /** The merge's returns (not nil), in force order. */
  returns: { returnId: string; force: string; texts: StoredReturnTexts }[];
}

export async function regionalWorkbookFromTexts(input: RegionalWorkbookTexts): Promise<{ buffer: Buffer; personIds: string[] }> {
  const people = input.items.people.map((t) => unpackSources<MergedPerson>(JSON.parse(t)));
  const lines = input.items.lines.map((t) => unpackSources<MergedLine>(JSON.parse(t)));
  const alerts = input.items.alerts.map((t) => JSON.parse(t) as DeconflictionAlert);
  const reviewPairs = input.items.review.map((t) => JSON.parse(t) as ReviewPair);
  const personOf = new Map(people.flatMap((p) => p.records.map((r) => [r.key, p.id] as const)));
  const lineOf = new Map(lines.flatMap((l) => l.records.map((r) => [r.key, l.id] as const)));
  const { month } = input;
  const sources = input.returns.map((r) => ({ ...r, parsed: parseStoredTables(r.texts) }));
  const result = {
    people, lines, alerts, reviewPairs,
    sourceRows: {
      lines: sources.flatMap((r) => r.parsed.lines.map((line) => ({ returnId: r.returnId, force: r.force, month, line, lineId: lineOf.get(`${r.force}|${line.ref}`) ?? '' }))),
      nominals: sources.flatMap((r) =>
        r.parsed.nominals.map((nominal) => ({
          returnId: r.returnId, force: r.force, month, nominal,
          personId: personOf.get(`${r.force}|${nominal.ref}`) ?? '', lineId: lineOf.get(`${r.force}|${nominal.lineRef}`) ?? '',
        })),
      ),
    },
  } as unknown as MergeResult;
  const buffer = await buildRegionalReturnWorkbook({ region: input.region, month, result, missing: input.missing, nil: input.nil, generatedAt: input.generatedAt });
  return { buffer, personIds: people.map((p) => p.id) };
}
