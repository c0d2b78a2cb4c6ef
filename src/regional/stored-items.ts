import type { Evidence } from './model.js';

// Storage form of merged people and lines. Every value of a merged entity
// lists the rows that supplied it (provenance, STYLE §11), and most values of
// a person come from the same one to three rows: stored verbatim, the same
// `{force, month, sheet, row}` objects made up most of a merge's stored JSON (and of
// the time to save it). Stored, each entity keeps its distinct rows once in
// `$ev` and each `sources` list holds indices into it; reading expands them
// back, so the API and the export see exactly the entity the merge built.
// Items stored before this form (no `$ev`) are returned as they are.

type Tuple = [force: string, month: string, sheet: string, row: number];
type Item = Record<string, unknown>;
type WithSources = { sources: unknown[] };

const hasSources = (x: unknown): x is WithSources =>
  typeof x === 'object' && x !== null && Array.isArray((x as WithSources).sources);

/** The entity with its provenance rows pooled (a shallow copy: the entity itself is not changed). */
export function packSources(item: object): Item {
  const pool: Tuple[] = [];
  const index = new Map<Evidence, number>();
  const keyed = new Map<string, number>();
  const ref = (e: Evidence) => {
    let i = index.get(e);
    if (i !== undefined) return i;
    // Rows are usually shared objects; equal rows built apart are pooled by value.
    const k = `${e.force}|${e.month}|${e.sheet}|${e.row}`;
    i = keyed.get(k);
    if (i === undefined) (i = pool.length), keyed.set(k, i), pool.push([e.force, e.month, e.sheet, e.row]);
    index.set(e, i);
    return i;
  };
  const out: Item = { ...item };
  for (const [field, value] of Object.entries(out)) {
    if (!Array.isArray(value) || !value.some(hasSources)) continue;
    out[field] = value.map((v) => (hasSources(v) ? { ...v, sources: (v.sources as Evidence[]).map(ref) } : v));
  }
  out.$ev = pool;
  return out;
}

/** The entity as the merge built it (unchanged when stored in full). */
export function unpackSources<T>(data: unknown): T {
  const item = data as Item;
  if (!item || !Array.isArray(item.$ev)) return data as T;
  const pool = (item.$ev as Tuple[]).map(([force, month, sheet, row]) => ({ force, month, sheet, row }));
  const out: Item = {};
  for (const [field, value] of Object.entries(item)) {
    if (field === '$ev') continue;
    out[field] = Array.isArray(value) && value.some(hasSources)
      ? value.map((v) => (hasSources(v) ? { ...v, sources: (v.sources as number[]).map((i) => ({ ...pool[i] })) } : v))
      : value;
  }
  return out as T;
}
