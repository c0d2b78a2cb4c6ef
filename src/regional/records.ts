import type { Line, Nominal } from '../matrix/model.js';
import type { Evidence, ReturnInput, SourcedValue } from './model.js';
import { canonicalToken, cleanName, foldToken, forenameForms, nameTokens, normalisePnc, phoneticKey, squashCode } from './normalise.js';

// A record is everything one force said about one of its refs across the
// merged months: `${force}|${ref}`. Force refs are stable across months, so
// a force's ref is its identity for that person or line.

// Same order as String#localeCompare, without its per-call setup.
const collator = new Intl.Collator();

/**
 * Distinct values with the rows that supplied them, in first-seen order.
 * Parallel arrays rather than a Map: a bag holds 0–3 values, and a merge
 * builds over a million bags, so a Map each would dominate memory and GC.
 * Most bags hold one value from one row: then `sources` is that row's
 * evidence itself, and a value with one source among several is its evidence,
 * not an array of one (two arrays fewer for most of the ~700,000 values).
 */
const NONE: string[] = [];

export class ValueBag {
  private keys: string[] = NONE;
  private sources: Evidence | (Evidence | Evidence[])[] | null = null;
  add(value: string | null | undefined, evidence: Evidence): void {
    if (value === null || value === undefined || value === '') return;
    // Array literals, not pushes onto []: a first push reserves room for 17 elements, and most bags hold one.
    if (this.keys === NONE) {
      this.keys = [value];
      this.sources = evidence;
      return;
    }
    const i = this.keys.indexOf(value);
    const list = this.keys.length === 1 ? [this.sources as Evidence | Evidence[]] : (this.sources as (Evidence | Evidence[])[]);
    if (i >= 0) {
      const current = list[i];
      list[i] = Array.isArray(current) ? (current.push(evidence), current) : [current, evidence];
    } else {
      this.keys.push(value);
      list.push(evidence);
    }
    this.sources = this.keys.length === 1 ? list[0] : list;
  }
  /** The distinct values (the bag's own array: do not mutate). */
  values(): string[] {
    return this.keys;
  }
  sourcesOf(i: number): Evidence[] {
    const s = this.keys.length === 1 ? (this.sources as Evidence | Evidence[]) : (this.sources as (Evidence | Evidence[])[])[i];
    return Array.isArray(s) ? s : [s];
  }
  get size(): number {
    return this.keys.length;
  }
}

function latestMonth(ev: Evidence[]): string {
  let m = '';
  for (const e of ev) if (e.month > m) m = e.month;
  return m;
}

function bySupport(x: SourcedValue, y: SourcedValue): number {
  return y.sources.length - x.sources.length || latestMonth(y.sources).localeCompare(latestMonth(x.sources)) || x.value.localeCompare(y.value);
}

/**
 * Bags merged across records, most supported value first (ties: latest month, then value).
 * A merge calls this ten times per entity, mostly for one bag of one value: the list starts as a
 * literal (a first push onto [] reserves 17 slots) and is sorted in place by insertion, stable
 * as Array#sort is, which allocated a work area on every call.
 */
export function mergeBags(bags: ValueBag[]): SourcedValue[] {
  let out: SourcedValue[] | null = null;
  for (const bag of bags) {
    const keys = bag.values();
    for (let i = 0; i < keys.length; i++) {
      // The bag's own array when it has one, shared: sources are never mutated (concat copies).
      if (out === null) {
        out = [{ value: keys[i], sources: bag.sourcesOf(i) }];
        continue;
      }
      let found: SourcedValue | undefined;
      for (const o of out) if (o.value === keys[i]) (found = o);
      if (found) found.sources = found.sources.concat(bag.sourcesOf(i));
      else out.push({ value: keys[i], sources: bag.sourcesOf(i) });
    }
  }
  if (out === null) return [];
  for (let i = 1; i < out.length; i++) {
    const x = out[i];
    let j = i - 1;
    for (; j >= 0 && bySupport(out[j], x) > 0; j--) out[j + 1] = out[j];
    out[j + 1] = x;
  }
  return out;
}

/** One spelling of a person's name, prepared once for comparison and blocking. */
export interface NameVariant {
  /** Surname letters only, e.g. `SMITHJONES`. */
  surname: string;
  /** Surname tokens after transliteration folding, e.g. [`SMITH`, `JONES`]. */
  surnameTokens: string[];
  surnameFolded: string;
  surnameKey: string;
  /** First forename as typed (letters only), or null. */
  forename: string | null;
  /** First forename folded and with nicknames resolved (MIKE → MICHAEL). */
  foreCanon: string | null;
  /** Every canonical form of the first forename (CHARLIE → CHARLES, CHARLOTTE). */
  foreForms: string[];
  foreTokens: string[];
  /** All forename tokens folded and joined (a double-barrelled surname recorded as forenames). */
  foreJoined: string;
  foreKey: string | null;
}

export interface NominalRowRef {
  returnId: string;
  month: string;
  nominal: Nominal;
}

export interface PersonRecord {
  index: number;
  key: string;
  force: string;
  ref: string;
  months: string[];
  rows: NominalRowRef[];
  surnames: ValueBag;
  forenames: ValueBag;
  dobs: ValueBag;
  pncIds: ValueBag;
  streetNames: ValueBag;
  phones: ValueBag;
  postcodeDistricts: ValueBag;
  genders: ValueBag;
  homeForces: ValueBag;
  vulnerabilities: ValueBag;
  names: NameVariant[];
  aliases: string[];
  /** M or F when recorded (X and U say nothing for comparison). */
  knownGenders: string[];
  /** Roles recorded on the record's rows, bar ASSOCIATE and UNKNOWN (which say the force does not know it), first seen first. */
  roles: string[];
  /** Line groups (lines joined on a shared deal number) the record's rows are on: context for comparison. */
  lineGroups: string[];
  /** `FORCE:AREA` keys of the areas the record's lines are exported from (origin.ts), and the same as written (`MET: Lambeth`). */
  origins: string[];
  originNames: string[];
  /** The exporting forces of `origins`, each once: compared on every candidate pair. */
  originForces: string[];
}

type SurnamePart = Pick<NameVariant, 'surname' | 'surnameTokens' | 'surnameFolded' | 'surnameKey'>;
type ForenamePart = Omit<NameVariant, keyof SurnamePart>;

function surnamePart(surname: string): SurnamePart {
  const sTokens = nameTokens(surname).map(foldToken);
  const folded = sTokens.join('');
  return { surname: cleanName(surname).replace(/ /g, ''), surnameTokens: sTokens, surnameFolded: folded, surnameKey: phoneticKey(folded) };
}

function forenamePart(forenames: string | null): ForenamePart {
  const fTokens = nameTokens(forenames).map(canonicalToken);
  const raw = nameTokens(forenames);
  const firstRaw = raw[0] ?? null;
  return {
    forename: firstRaw,
    foreCanon: fTokens[0] ?? null,
    foreForms: firstRaw ? forenameForms(firstRaw) : [],
    foreTokens: fTokens,
    foreJoined: raw.map(foldToken).join(''),
    foreKey: fTokens[0] ? phoneticKey(fTokens[0]) : null,
  };
}

function nameVariant(s: SurnamePart, f: ForenamePart): NameVariant {
  return {
    surname: s.surname, surnameTokens: s.surnameTokens, surnameFolded: s.surnameFolded, surnameKey: s.surnameKey,
    forename: f.forename, foreCanon: f.foreCanon, foreForms: f.foreForms, foreTokens: f.foreTokens, foreJoined: f.foreJoined, foreKey: f.foreKey,
  };
}

export function buildPersonRecords(returns: ReturnInput[]): PersonRecord[] {
  const byKey = new Map<string, PersonRecord>();
  for (const r of returns) {
    for (const n of r.parsed.nominals) {
      const key = `${r.force}|${n.ref}`;
      const row = { returnId: r.returnId, month: r.month, nominal: n };
      let rec = byKey.get(key);
      if (!rec) {
        // Made with its first month and row (array literals: see ValueBag).
        rec = {
          index: 0, key, force: r.force, ref: n.ref, months: [r.month], rows: [row],
          surnames: new ValueBag(), forenames: new ValueBag(), dobs: new ValueBag(), pncIds: new ValueBag(),
          streetNames: new ValueBag(), phones: new ValueBag(), postcodeDistricts: new ValueBag(), genders: new ValueBag(),
          homeForces: new ValueBag(), vulnerabilities: new ValueBag(), names: [], aliases: [], knownGenders: [], roles: NONE, lineGroups: [], origins: [], originNames: [], originForces: [],
        };
        byKey.set(key, rec);
      } else {
        if (!rec.months.includes(r.month)) rec.months.push(r.month);
        rec.rows.push(row);
      }
      const ev: Evidence = { force: r.force, month: r.month, sheet: 'Nominals', row: n.row };
      rec.surnames.add(n.surname.trim(), ev);
      rec.forenames.add(n.forenames?.trim(), ev);
      rec.dobs.add(n.dob, ev);
      rec.pncIds.add(normalisePnc(n.pncId) ?? n.pncId, ev);
      for (const s of n.streetNames) rec.streetNames.add(s.trim(), ev);
      for (const p of n.phoneNumbers) rec.phones.add(p, ev);
      rec.postcodeDistricts.add(n.homePostcodeDistrict ? squashCode(n.homePostcodeDistrict) : null, ev);
      rec.genders.add(n.gender, ev);
      rec.homeForces.add(n.homeForce, ev);
      for (const v of n.vulnerabilities) rec.vulnerabilities.add(v, ev);
      // A literal for the first (see ValueBag): most records have one role, many none.
      if (n.role !== 'ASSOCIATE' && n.role !== 'UNKNOWN' && !rec.roles.includes(n.role)) rec.roles = rec.roles === NONE ? [n.role] : [...rec.roles, n.role];
    }
  }
  const records = [...byKey.values()].sort((a, b) => collator.compare(a.key, b.key));
  // Names repeat a lot across records: prepare each spelling once (variants are immutable), found by
  // surname then forename (no key string per record); a surname or forename met in another spelling
  // is not prepared again (its parts are shared, immutable too).
  const variants = new Map<string, Map<string | null, NameVariant>>();
  const surnameParts = new Map<string, SurnamePart>();
  const forenameParts = new Map<string | null, ForenamePart>();
  const variantOf = (s: string, f: string | null) => {
    const byForename = variants.get(s) ?? variants.set(s, new Map()).get(s)!;
    let v = byForename.get(f);
    if (!v) {
      const sp = surnameParts.get(s) ?? surnameParts.set(s, surnamePart(s)).get(s)!;
      const fp = forenameParts.get(f) ?? forenameParts.set(f, forenamePart(f)).get(f)!;
      byForename.set(f, (v = nameVariant(sp, fp)));
    }
    return v;
  };
  records.forEach((rec, index) => {
    rec.index = index;
    rec.months.sort();
    for (const s of rec.surnames.values()) {
      for (const f of rec.forenames.size ? rec.forenames.values() : [null]) {
        const v = variantOf(s, f);
        if (rec.names.length === 0) rec.names = [v];
        else if (!rec.names.some((w) => w.surname === v.surname && w.forename === v.forename)) rec.names.push(v);
      }
    }
    rec.knownGenders = rec.genders.values().filter((g) => g === 'M' || g === 'F');
    if (rec.streetNames.size) rec.aliases = [...new Set(rec.streetNames.values().map((a) => cleanName(a).replace(/ /g, '')).filter(Boolean))];
  });
  return records;
}

export interface LineRowRef {
  returnId: string;
  month: string;
  line: Line;
}

export interface LineRecord {
  index: number;
  key: string;
  force: string;
  ref: string;
  months: string[];
  rows: LineRowRef[];
  names: ValueBag;
  dealNumbers: ValueBag;
  exportingForces: ValueBag;
  exportingAreas: ValueBag;
  importingAreas: ValueBag;
  statuses: ValueBag;
  /** Deal number → months the record listed it. */
  numberMonths: Map<string, string[]>;
}

export function buildLineRecords(returns: ReturnInput[]): LineRecord[] {
  const byKey = new Map<string, LineRecord>();
  for (const r of returns) {
    for (const l of r.parsed.lines) {
      const key = `${r.force}|${l.ref}`;
      const row = { returnId: r.returnId, month: r.month, line: l };
      let rec = byKey.get(key);
      if (!rec) {
        rec = {
          index: 0, key, force: r.force, ref: l.ref, months: [r.month], rows: [row],
          names: new ValueBag(), dealNumbers: new ValueBag(), exportingForces: new ValueBag(), exportingAreas: new ValueBag(),
          importingAreas: new ValueBag(), statuses: new ValueBag(), numberMonths: new Map(),
        };
        byKey.set(key, rec);
      } else {
        if (!rec.months.includes(r.month)) rec.months.push(r.month);
        rec.rows.push(row);
      }
      const ev: Evidence = { force: r.force, month: r.month, sheet: 'Lines', row: l.row };
      rec.names.add(l.name.trim(), ev);
      for (const d of l.dealNumbers) {
        rec.dealNumbers.add(d, ev);
        const ms = rec.numberMonths.get(d);
        if (!ms) rec.numberMonths.set(d, [r.month]);
        else if (!ms.includes(r.month)) ms.push(r.month);
      }
      rec.exportingForces.add(l.exportingForce, ev);
      rec.exportingAreas.add(l.exportingArea.trim(), ev);
      for (const a of l.importingAreas) rec.importingAreas.add(`${a.force}:${a.area.trim()}`, ev);
      rec.statuses.add(l.status, ev);
    }
  }
  const records = [...byKey.values()].sort((a, b) => collator.compare(a.key, b.key));
  records.forEach((rec, index) => {
    rec.index = index;
    rec.months.sort();
  });
  return records;
}
