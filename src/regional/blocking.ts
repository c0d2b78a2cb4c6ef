import { PairSet } from './pair-set.js';
import type { PersonRecord } from './records.js';

// Blocking (Splink's "blocking rules"): only pairs that agree on at least one
// cheap key are compared, so 115,000 records cost well under a million
// comparisons instead of six billion. The rules are unioned; each pair is
// compared once whichever rules produced it. A "name key" is the NYSIIS key
// of the surname or of the first forename (either, so swapped order and a
// misspelt half of the name still meet):
//   pnc             same PNC year and serial, check letter ignored (also within
//                   a force: the only within-force evidence used)
//   phone           a shared personal phone
//   name+dob        a name key + DOB with day and month unordered (exact DOB,
//                   or day/month swapped)
//   name+birthday   a name key + DOB day and month (year off by one)
//   line+initial    on the same line (deal-number groups) + a name initial:
//                   the few people two forces report on one line
//   names+district  surname and forename keys (order-free) + home postcode
//                   district: people with no DOB on one side
//   name+district   one name key + home postcode district, for keys shared by
//                   at most 12 records: one half of the name misspelt
//                   (MORGAN, DRREN / MORGAN, DARREN)
//   dob+initial     DOB (day and month unordered) + a name initial: both
//                   halves of the name misspelt (OKONKWO, CHIDI / OKNOKWO, CHDII)
//   names           surname and forename keys (order-free) alone, for names
//                   shared by at most 12 records: a rare name is evidence
//                   enough to compare; a common one (SMITH, DANIEL) is not
//   surname+alias   surname key + street name (people recorded by alias only)
//   forename+alias  forename key + street name, for keys shared by at most 12
//                   records: the surname misspelt (AFOLABI / AFOLBAI)
// Rules keyed on one very common value alone (a DOB, a surname) are left out
// on purpose: at regional scale they yield millions of pairs whose only
// agreement is that value, which could not reach the merge threshold anyway.
// Cross-force pairs only, except `pnc` and the pairs the caller's `sameForce`
// lets through (a force that reissues its refs monthly: two of its records
// never seen in one month may be one person, people.ts). A bucket larger than
// `maxBlockSize` is skipped (counted): such a key is too common to mean anything.

export interface BlockingOptions {
  maxBlockSize: number;
  /** May records a and b, of one force, be paired by a cross-force rule? Default: never. */
  sameForce?: (a: number, b: number) => boolean;
}
export const BLOCKING_DEFAULTS: BlockingOptions = { maxBlockSize: 1000 };

/** Per-record values several rules key on, computed once. */
interface Derived {
  nameKeys: string[];
  surnameKeys: string[];
  foreKeys: string[];
  initials: string[];
  orderFree: string[];
  dobSwapFree: string[];
  birthdays: string[];
}

type Rule = { name: string; crossForceOnly: boolean; keys: (r: PersonRecord, d: Derived) => string[]; maxBlockSize?: number };

function derive(r: PersonRecord): Derived {
  // Lists, not Sets: a record has a name or two (five Sets a record were over half a million Sets).
  const nameKeys: string[] = [];
  const surnameKeys: string[] = [];
  const foreKeys: string[] = [];
  const initials: string[] = [];
  const orderFree: string[] = [];
  const add = (xs: string[], x: string) => {
    if (!xs.includes(x)) xs.push(x);
  };
  for (const n of r.names) {
    add(nameKeys, n.surnameKey);
    add(surnameKeys, n.surnameKey);
    if (n.surnameFolded) add(initials, n.surnameFolded[0]);
    if (n.foreKey) {
      add(nameKeys, n.foreKey);
      add(foreKeys, n.foreKey);
      add(orderFree, n.surnameKey < n.foreKey ? `${n.surnameKey}~${n.foreKey}` : `${n.foreKey}~${n.surnameKey}`);
    }
    if (n.foreCanon) add(initials, n.foreCanon[0]);
  }
  const dobs = r.dobs.values();
  return {
    nameKeys,
    surnameKeys,
    foreKeys,
    initials,
    orderFree,
    // Day and month in sorted order, so a swapped DOB gives the same key.
    dobSwapFree: dobs.map((d) => (d.slice(5, 7) < d.slice(8, 10) ? `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}` : `${d.slice(0, 4)}${d.slice(8, 10)}${d.slice(5, 7)}`)),
    birthdays: dobs.map((d) => d.slice(5)),
  };
}

function cross(xs: string[], ys: string[]): string[] {
  if (xs.length === 0 || ys.length === 0) return [];
  const out: string[] = [];
  for (const x of xs) for (const y of ys) out.push(`${x}~${y}`);
  return out;
}

const RULES: Rule[] = [
  { name: 'pnc', crossForceOnly: false, keys: (r) => r.pncIds.values().map((p) => p.slice(0, -1)) },
  { name: 'phone', crossForceOnly: true, keys: (r) => r.phones.values() },
  { name: 'name+dob', crossForceOnly: true, keys: (_, d) => cross(d.nameKeys, d.dobSwapFree) },
  { name: 'name+birthday', crossForceOnly: true, keys: (_, d) => cross(d.nameKeys, d.birthdays) },
  { name: 'line+initial', crossForceOnly: true, keys: (r, d) => cross(r.lineGroups, d.initials) },
  { name: 'names+district', crossForceOnly: true, keys: (r, d) => cross(d.orderFree, r.postcodeDistricts.values()) },
  { name: 'name+district', crossForceOnly: true, keys: (r, d) => cross(d.nameKeys, r.postcodeDistricts.values()), maxBlockSize: 12 },
  { name: 'dob+initial', crossForceOnly: true, keys: (_, d) => cross(d.dobSwapFree, d.initials) },
  { name: 'names', crossForceOnly: true, keys: (_, d) => d.orderFree, maxBlockSize: 12 },
  { name: 'surname+alias', crossForceOnly: true, keys: (r, d) => cross(d.surnameKeys, r.aliases) },
  { name: 'forename+alias', crossForceOnly: true, keys: (r, d) => cross(d.foreKeys, r.aliases), maxBlockSize: 12 },
];

export interface CandidatePairs {
  /** Pairs of record indices flattened [a0, b0, a1, b1, …], a < b, each pair once. */
  pairs: number[];
  oversizedBlocks: number;
}

export function candidatePairs(records: PersonRecord[], options: BlockingOptions = BLOCKING_DEFAULTS): CandidatePairs {
  const seen = new PairSet();
  const pairs: number[] = [];
  let oversizedBlocks = 0;
  const derived = records.map(derive);
  // Forces as small integers by record index: compared for every pair a bucket makes, without loading two records.
  const forceIds = new Map<string, number>();
  const forceOf = Int32Array.from(records, (r) => forceIds.get(r.force) ?? forceIds.set(r.force, forceIds.size).get(r.force)!);
  for (const rule of RULES) {
    // A key most records alone have holds their index, not an array of one (most of a million arrays a merge).
    const buckets = new Map<string, number | number[]>();
    for (const r of records) {
      const keys = rule.keys(r, derived[r.index]);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (!k || keys.indexOf(k) < i) continue;
        const b = buckets.get(k);
        if (b === undefined) buckets.set(k, r.index);
        else if (typeof b === 'number') buckets.set(k, [b, r.index]);
        else b.push(r.index);
      }
    }
    for (const bucket of buckets.values()) {
      if (typeof bucket === 'number') continue;
      if (bucket.length > Math.min(options.maxBlockSize, rule.maxBlockSize ?? Infinity)) {
        oversizedBlocks++;
        continue;
      }
      for (let i = 0; i < bucket.length; i++) {
        for (let j = i + 1; j < bucket.length; j++) {
          const a = Math.min(bucket[i], bucket[j]);
          const b = Math.max(bucket[i], bucket[j]);
          if (rule.crossForceOnly && forceOf[a] === forceOf[b] && !options.sameForce?.(a, b)) continue;
          if (seen.add(a, b)) pairs.push(a, b);
        }
      }
    }
  }
  return { pairs, oversizedBlocks };
}
