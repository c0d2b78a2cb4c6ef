import type { ComparisonEvidence, Evidence, MemberRecord, MergeEdge, SourcedValue } from './model.js';

// Storage form of merged people and lines. Every value of a merged entity
// lists the rows that supplied it (provenance, STYLE §11), and most values of
// a person come from the same one to three rows: stored verbatim, the same
// `{force, month, sheet, row}` objects made up most of a merge's stored JSON (and of
// the time to save it). Stored, each entity keeps its distinct rows once in
// `$ev` and each `sources` list holds indices into it; reading expands them
// back, so the API and the export see exactly the entity the merge built.
//
// The rest of the stored text was names repeated in every element and
// explanations that repeat their evidence (half of a national merge's 131 MB,
// and the time PostgreSQL and PGlite take to store it is in proportion to its
// length). So, where the element has exactly the usual shape:
// - a sourced value `{value, sources}` is `[value, sources]`;
// - a member record `{key, force, ref, months}` whose key is `force|ref` is `[force, ref, months]`;
// - an edge's comparison `{comparison, level, weight, detail}` is `[comparison, level, weight, detail]`,
//   and an explanation ending in its evidence in words (`described` below) keeps only
//   what comes before, as `[prefix]`; a comparison missing on one side is `[comparison, 'MISSING']`;
// - an entity with exactly the keys of one of SHAPES is `[shape, ...values]`.
// Anything else is stored as it is. Items stored before a form (no `$ev`; or
// objects where a tuple would be) are read as they are.

type Tuple = [force: string, month: string, sheet: string, row: number];
type Item = Record<string, unknown>;
type WithSources = { sources: unknown[] };
type ComparisonTuple = [comparison: string, level: string, weight?: number, detail?: string];
type StoredEdge = Omit<MergeEdge, 'explanation' | 'evidence'> & { explanation: string | [prefix: string]; evidence: (ComparisonEvidence | ComparisonTuple)[] };

const hasSources = (x: unknown): x is WithSources =>
  typeof x === 'object' && x !== null && Array.isArray((x as WithSources).sources);

/** True when `x` has exactly these keys, in this order (so a tuple of its values gives back the same JSON). */
function keysAre(x: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in x) if (k !== keys[i++]) return false;
  return i === keys.length;
}

const SOURCED = ['value', 'sources'] as const;
const RECORD = ['key', 'force', 'ref', 'months'] as const;
const COMPARISON = ['comparison', 'level', 'weight', 'detail'] as const;
const MISSING_DETAIL = 'missing on one side';

/**
 * The keys, in order, of the entities stored as arrays of their values. Part
 * of the storage form: a shape, once used, never changes (rows stored with it
 * are read with it); an entity with other keys needs a new shape, or is
 * stored as an object.
 */
const SHAPES: Record<string, readonly string[]> = {
  person1: ['id', 'records', 'forces', 'months', 'surnames', 'forenames', 'dobs', 'pncIds', 'streetNames', 'phones', 'postcodeDistricts', 'genders',
    'homeForces', 'vulnerabilities', 'exploited', 'handlingConditions', 'confidence', 'edges', 'notes', 'ocgUrns', '$ev'],
  line1: ['id', 'records', 'forces', 'months', 'names', 'dealNumbers', 'exportingForces', 'exportingAreas', 'importingAreas', 'statuses',
    'investigations', 'childExploitation', 'adultExploitation', 'cuckooing', 'handlingConditions', 'confidence', 'edges', 'notes', 'ocgUrns', '$ev'],
};

/**
 * An edge's evidence in words, as the merge wrote it at the end of its
 * explanation (compare.ts describeEvidence). Part of the storage form: stored
 * explanations are rebuilt with it, so it must not change; a merge that words
 * its evidence otherwise simply has its explanations stored in full.
 */
function described(evidence: ComparisonEvidence[]): string {
  return evidence
    .filter((e) => e.level !== 'MISSING')
    .map((e) => `${e.comparison} ${e.level} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(1)} (${e.detail})`)
    .join('; ');
}

/** A comparison whose tuple reads back as the same JSON, and whose words read back the same (a finite weight). */
const plainComparison = (e: ComparisonEvidence) =>
  keysAre(e, COMPARISON) && typeof e.comparison === 'string' && typeof e.level === 'string' && Number.isFinite(e.weight) && typeof e.detail === 'string';

function packEdge(edge: MergeEdge): StoredEdge {
  if (!Array.isArray(edge.evidence) || !edge.evidence.every(plainComparison)) return edge;
  const words = described(edge.evidence);
  const explanation = words && typeof edge.explanation === 'string' && edge.explanation.endsWith(words) ? [edge.explanation.slice(0, -words.length)] as [string] : edge.explanation;
  return { ...edge, explanation, evidence: edge.evidence.map((e) =>
    e.level === 'MISSING' && e.weight === 0 && e.detail === MISSING_DETAIL ? [e.comparison, e.level] : [e.comparison, e.level, e.weight, e.detail]) };
}

function unpackEdge(stored: StoredEdge): MergeEdge {
  if (!Array.isArray(stored.evidence)) return stored as MergeEdge;
  const evidence = stored.evidence.map((e) => (!Array.isArray(e) ? e : e.length === 2 ? { comparison: e[0], level: e[1], weight: 0, detail: MISSING_DETAIL } : { comparison: e[0], level: e[1], weight: e[2]!, detail: e[3]! }));
  const explanation = Array.isArray(stored.explanation) ? stored.explanation[0] + described(evidence) : stored.explanation;
  return { ...stored, explanation, evidence };
}

/** The entity in its storage form (copies: the entity itself is not changed). */
export function packSources(item: object): Item | unknown[] {
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
    if (!Array.isArray(value)) continue;
    if (field === 'edges') out[field] = (value as MergeEdge[]).map(packEdge);
    else if (field === 'records') {
      out[field] = (value as MemberRecord[]).map((r) => (keysAre(r, RECORD) && r.key === `${r.force}|${r.ref}` && Array.isArray(r.months) ? [r.force, r.ref, r.months] : r));
    } else if (value.some(Array.isArray)) {
      throw new Error(`stored-items: "${field}" holds arrays, which reading back would take for sourced values`);
    } else if (value.some(hasSources)) {
      out[field] = value.map((v) => {
        if (!hasSources(v)) return v;
        const sources = (v.sources as Evidence[]).map(ref);
        return keysAre(v, SOURCED) && typeof (v as SourcedValue).value === 'string' ? [(v as SourcedValue).value, sources] : { ...v, sources };
      });
    }
  }
  out.$ev = pool;
  for (const [shape, keys] of Object.entries(SHAPES)) {
    if (keysAre(out, keys) && keys.every((k) => out[k] !== undefined)) return [shape, ...keys.map((k) => out[k])];
  }
  return out;
}

/** The entity as the merge built it (unchanged when stored in full). */
export function unpackSources<T>(data: unknown): T {
  const keys = Array.isArray(data) && Object.hasOwn(SHAPES, data[0] as string) ? SHAPES[data[0] as string] : undefined;
  const item = keys ? Object.fromEntries(keys.map((k, i) => [k, (data as unknown[])[i + 1]])) : (data as Item);
  if (!item || !Array.isArray(item.$ev)) return data as T;
  const pool = (item.$ev as Tuple[]).map(([force, month, sheet, row]) => ({ force, month, sheet, row }));
  const rows = (indices: number[]) => indices.map((i) => ({ ...pool[i] }));
  const out: Item = {};
  for (const [field, value] of Object.entries(item)) {
    if (field === '$ev') continue;
    if (!Array.isArray(value)) out[field] = value;
    else if (field === 'edges') out[field] = (value as StoredEdge[]).map(unpackEdge);
    else if (field === 'records') {
      out[field] = value.map((r) => (Array.isArray(r) ? { key: `${r[0]}|${r[1]}`, force: r[0], ref: r[1], months: r[2] } : r));
    } else {
      out[field] = value.map((v) =>
        Array.isArray(v) ? { value: v[0], sources: rows(v[1]) } : hasSources(v) ? { ...v, sources: rows(v.sources as number[]) } : v,
      );
    }
  }
  return out as T;
}
