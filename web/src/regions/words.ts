import { FORCES, REGIONS, type RegionCode } from '../../../src/reference/forces';
import { formatMonth } from '../format';
import type { Provenance, Relationship } from './api';

// What the ROCU screens say instead of the API's codes. The forces and regions
// come from the service's own reference table (MATRIX-V2 §8), not a copy.

export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

/** `EAST_MIDLANDS` → `East Midlands (EMSOU)`; `NATIONAL` → `National (every force)`. */
export function regionName(code: string): string {
  if (code === 'NATIONAL') return 'National (every force)';
  const r = REGIONS[code as RegionCode];
  const words = code.toLowerCase().replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()).replace(' Humber', ' and the Humber');
  return r ? `${words} (${r.unit})` : code;
}

/** The forces whose returns a merge of `region` takes: every force for NATIONAL. */
export function forcesOf(region: string): { code: string; name: string }[] {
  return region === 'NATIONAL' ? [...FORCES] : FORCES.filter((f) => f.region === region);
}

const forceNames = new Map(FORCES.map((f) => [f.code, f.name]));
export const forceName = (code: string) => forceNames.get(code) ?? code;

/** `LEI, March 2024, Nominals row 4`. */
export const provenance = (p: Provenance) => `${p.force}, ${formatMonth(p.month)}, ${p.sheet} row ${p.row}`;

/** `1998-05-04` → `04/05/1998`; anything else as it came. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export const RELATIONSHIPS: { value: Relationship; label: string }[] = [
  { value: 'DIRECTS', label: 'directs' },
  { value: 'SUPPLIES', label: 'supplies' },
  { value: 'EXPLOITS', label: 'exploits' },
  { value: 'RECRUITED', label: 'recruited' },
  { value: 'FINANCES', label: 'finances' },
  { value: 'ASSOCIATE', label: 'is an associate of' },
];

/** The stages a merge job reports, in order (src/regional/merges.service.ts), in words. */
export const MERGE_STAGES: { stage: string; label: string }[] = [
  { stage: 'loading returns', label: "Finding the forces' current returns" },
  { stage: 'checking forces outside the region', label: 'Checking forces outside the region for the same lines and people' },
  { stage: 'resolving', label: 'Reading the returns and resolving people and lines across forces' },
  { stage: 'saving', label: 'Saving the merge' },
];

/** A person's name as the regional return writes it: `SMITH, John`. */
export function personName(p: { surnames: { value: string }[]; forenames: { value: string }[] }): string {
  const s = p.surnames[0]?.value;
  const f = p.forenames[0]?.value;
  return s && f ? `${s}, ${f}` : (s ?? f ?? 'no name recorded');
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The unit whose own data enrichments are: `EMSOU`, or `NCLCC` for the national scope. */
export const unitOf = (region: string) => REGIONS[region as RegionCode]?.unit ?? region;

/** A UK mobile in E.164 (`+447700900002`) as analysts write it: `07700 900002`; anything else as it came. */
export function ukPhone(e164: string): string {
  const m = /^\+44(7\d{3})(\d{6})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]}` : e164;
}
