import type { Role } from '../../src/matrix/codes.js';
import { ageAt, monthEnd } from './dates.js';
import { spoilPnc } from './ids.js';
import { nameVariant } from './names.js';
import type { Rng } from './random.js';
import type { NoiseLevels, TruePerson } from './types.js';

// How one force records one person (a "view"): the name as typed, what it
// knows of DOB, PNC and phones, and from which month. A view belongs to one
// Nominal Ref, so every row of that ref in a return agrees (V2-NOM-CONSISTENT).

export interface ForceHabits {
  upperSurnames: boolean;
  asciiOnly: boolean;
}

export interface PersonView {
  ref: string;
  person: TruePerson;
  surname: string;
  forenames: string | null;
  streetNames: string[];
  /** First month this view is used; DOB and PNC may only be recorded from later months. */
  firstFrom: number;
  dob: string | null;
  dobFrom: number;
  pncId: string | null;
  pncFrom: number;
  gender: 'M' | 'F' | 'X' | 'U' | null;
  homeForce: string | null;
  homePostcodeDistrict: string | null;
  phones: string[];
  vulnerabilities: string[];
  exploited: 'YES' | 'NO' | 'UNKNOWN';
  safeguardingReferral: 'YES' | 'NO' | null;
  nrmReferral: 'YES' | 'NO' | null;
  handlingConditions: string | null;
}

const stripDiacritics = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export const HANDLING_CONDITIONS = [
  'Not to be disseminated outside law enforcement without reference to the originating force.',
  'Source protection: do not action without consulting the originating FIB.',
  'Live operation: contact the SIO before any overt action.',
  'Not for disclosure to partner agencies.',
];

/** A dob as a force may have typed it: day and month swapped, or the year off by one. */
function misrecordDob(rng: Rng, dob: string, noise: NoiseLevels): string {
  const [y, m, d] = dob.split('-');
  if (rng.chance(noise.dobSwap) && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
  if (rng.chance(noise.dobYearOff)) return `${Number(y) + (rng.chance(0.5) ? 1 : -1)}-${m}-${d}`;
  return dob;
}

export function makeView(
  rng: Rng, ref: string, p: TruePerson, from: number, windowStart: number, noise: NoiseLevels, habits: ForceHabits, extraPhone: string | null,
): PersonView {
  const name = rng.chance(noise.nameVariant) ? nameVariant(rng, p) : p;
  let streetNames = name.streetNames.filter(() => rng.chance(0.7));
  if (!name.forenames && !streetNames.length) streetNames = p.streetNames.slice(0, 1);
  let surname = habits.asciiOnly ? stripDiacritics(name.surname) : name.surname;
  if (habits.upperSurnames) surname = surname.toUpperCase();
  const forenames = name.forenames ? (habits.asciiOnly ? stripDiacritics(name.forenames) : name.forenames) : null;
  const later = () => from + (rng.chance(noise.learnedLater) ? rng.int(1, 3) : 0);
  const dob = rng.chance(noise.dobMissing) ? null : misrecordDob(rng, p.dob, noise);
  let pncId = p.pncId && rng.chance(noise.pncRecorded) ? p.pncId : null;
  if (pncId && rng.chance(noise.pncBadCheck)) pncId = spoilPnc(rng, pncId);
  const childByRecord = p.child || (dob !== null && ageAt(dob, monthEnd(windowStart)) < 18);
  const exploited = childByRecord ? 'YES' : p.exploited ? (rng.chance(0.75) ? 'YES' : 'UNKNOWN')
    : p.tier === 'controller' || p.tier === 'supplier' ? (rng.chance(0.7) ? 'NO' : 'UNKNOWN') : rng.chance(0.5) ? 'NO' : 'UNKNOWN';
  const phones = p.phones.filter(() => rng.chance(0.5));
  if (extraPhone) phones.push(extraPhone);
  return {
    ref, person: p, surname, forenames, streetNames,
    firstFrom: from, dob, dobFrom: later(), pncId, pncFrom: later(),
    gender: rng.weighted([[p.gender, 75], ['U', 8], [null, 17]] as const),
    homeForce: rng.chance(0.5) ? p.homeForce : null,
    homePostcodeDistrict: rng.chance(0.4) ? p.homePostcodeDistrict : null,
    phones,
    vulnerabilities: p.vulnerabilities.filter(() => rng.chance(0.7)),
    exploited,
    safeguardingReferral: exploited === 'YES' ? (rng.chance(0.75) ? 'YES' : null) : rng.chance(0.2) ? 'NO' : null,
    nrmReferral: exploited === 'YES' ? rng.weighted([['YES', 35], ['NO', 30], [null, 35]] as const) : null,
    handlingConditions: rng.chance(0.03) ? rng.pick(HANDLING_CONDITIONS) : null,
  };
}

type RoleTable = readonly (readonly [Role, number])[];
const RECORDED_ROLE: Record<string, { exporting: RoleTable; importing: RoleTable }> = {
  CONTROLLER: {
    exporting: [['CONTROLLER', 70], ['ASSOCIATE', 20], ['UNKNOWN', 10]],
    importing: [['ASSOCIATE', 45], ['UNKNOWN', 30], ['CONTROLLER', 15], ['LINE_HOLDER', 10]],
  },
  SUPPLIER: { exporting: [['SUPPLIER', 60], ['ASSOCIATE', 25], ['UNKNOWN', 15]], importing: [['ASSOCIATE', 60], ['UNKNOWN', 40]] },
  LINE_HOLDER: {
    exporting: [['LINE_HOLDER', 70], ['ASSOCIATE', 15], ['UNKNOWN', 10], ['RUNNER', 5]],
    importing: [['LINE_HOLDER', 60], ['UNKNOWN', 20], ['ASSOCIATE', 12], ['RUNNER', 8]],
  },
  ENFORCER: { exporting: [['ENFORCER', 55], ['ASSOCIATE', 30], ['UNKNOWN', 15]], importing: [['ENFORCER', 35], ['ASSOCIATE', 45], ['UNKNOWN', 20]] },
  RECRUITER: { exporting: [['RECRUITER', 50], ['ASSOCIATE', 35], ['UNKNOWN', 15]], importing: [['RECRUITER', 30], ['ASSOCIATE', 50], ['UNKNOWN', 20]] },
  RUNNER: { exporting: [['RUNNER', 70], ['ASSOCIATE', 20], ['UNKNOWN', 10]], importing: [['RUNNER', 70], ['STREET_DEALER', 15], ['ASSOCIATE', 10], ['UNKNOWN', 5]] },
  STREET_DEALER: { exporting: [['STREET_DEALER', 60], ['ASSOCIATE', 40]], importing: [['STREET_DEALER', 75], ['RUNNER', 15], ['ASSOCIATE', 10]] },
  CUCKOOED_OCCUPANT: { exporting: [['CUCKOOED_OCCUPANT', 70], ['ASSOCIATE', 30]], importing: [['CUCKOOED_OCCUPANT', 85], ['ASSOCIATE', 15]] },
};

/** The role a force writes down for a person on a line; with `recordRoles` off, only ASSOCIATE or UNKNOWN. */
export function recordedRole(rng: Rng, role: Role, exporting: boolean, recordRoles: boolean): Role {
  if (!recordRoles) return rng.chance(0.5) ? 'ASSOCIATE' : 'UNKNOWN';
  const t = RECORDED_ROLE[role];
  return t ? rng.weighted(exporting ? t.exporting : t.importing) : role;
}

/** Chance (before `visibility`) that a force knows a person on a line, by role and how the force relates to them. */
export function knowChance(role: Role, exporting: boolean, local: boolean, travelling: boolean): number {
  if (exporting) {
    return ({ CONTROLLER: 0.65, SUPPLIER: 0.15, LINE_HOLDER: 0.6, ENFORCER: 0.45, RECRUITER: 0.4, RUNNER: local ? 0.4 : 0.08, STREET_DEALER: 0.04, CUCKOOED_OCCUPANT: 0.02 } as Record<string, number>)[role] ?? 0.1;
  }
  if (travelling) return 0.45;
  if (local) return ({ RUNNER: 0.85, STREET_DEALER: 0.85, CUCKOOED_OCCUPANT: 0.85 } as Record<string, number>)[role] ?? 0.3;
  return ({ CONTROLLER: 0.12, SUPPLIER: 0.02, LINE_HOLDER: 0.45, ENFORCER: 0.12, RECRUITER: 0.1, RUNNER: 0.05, STREET_DEALER: 0.03, CUCKOOED_OCCUPANT: 0.01 } as Record<string, number>)[role] ?? 0.1;
}
