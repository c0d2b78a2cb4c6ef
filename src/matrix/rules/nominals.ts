// MATRIX-V2 §5: the Nominals sheet, one row per person per line; a person is
// every row sharing a Nominal Ref, so several rules work per person.
import type { Rec } from '../context.js';
import { ageAtMonthEnd, isGiven, lookups, personDob } from './lookups.js';
import { rule } from './types.js';

const simple = (id: string, columns: string[], description: string) => rule({ id, severity: 'error', sheet: 'nominals', columns, description });

/** §1: text compares after trimming, collapsing spaces and ignoring case; PNC ids and dates arrive normalised. */
const CONSISTENT = [
  ['surname', 'Surname', (r: Rec<'nominals'>) => r.v.surname?.toUpperCase() ?? null],
  ['forenames', 'Forenames', (r: Rec<'nominals'>) => r.v.forenames?.toUpperCase() ?? null],
  ['dob', 'DOB', (r: Rec<'nominals'>) => r.v.dob],
  ['pncId', 'PNC ID', (r: Rec<'nominals'>) => r.v.pncId?.normalised ?? null],
] as const;

const MIN_AGE = 8;
const MAX_AGE = 100;

export const NOMINAL_RULES = [
  simple('V2-NOM-REF', ['Nominal Ref'], 'Nominal Ref is 2–32 characters of A–Z, 0–9 and -.'),
  rule({
    id: 'V2-NOM-LINE',
    severity: 'error',
    sheet: 'nominals',
    columns: ['Line Ref'],
    description: 'Line Ref is a Line Ref of the Lines sheet.',
    check(ctx, report) {
      const { linesByRef } = lookups(ctx);
      for (const rec of ctx.sheets.nominals.recs) {
        if (rec.v.lineRef && !linesByRef.has(rec.v.lineRef)) report('nominals', rec, 'lineRef', `Line Ref ${rec.v.lineRef} is not on the Lines sheet`);
      }
    },
  }),
  simple('V2-NOM-ROLE', ['Role'], 'Role is one of the roles of §5.'),
  rule({
    id: 'V2-NOM-NAME',
    severity: 'error',
    sheet: 'nominals',
    columns: ['Surname', 'Forenames', 'Street Names'],
    description: 'Surname is given; Forenames are given unless Street Names are.',
    check(ctx, report) {
      for (const rec of ctx.sheets.nominals.recs) {
        if (!isGiven(rec, 'forenames') && !rec.v.streetNames?.length) {
          report('nominals', rec, 'forenames', 'Give the Forenames, or Street Names when the forenames are not known');
        }
      }
    },
  }),
  rule({
    id: 'V2-NOM-DOB',
    severity: 'error',
    sheet: 'nominals',
    columns: ['DOB'],
    description: `DOB is a date, not in the future, giving an age of ${MIN_AGE}–${MAX_AGE} at the end of the reporting month.`,
    check(ctx, report) {
      const today = ctx.now.toISOString().slice(0, 10);
      for (const rec of ctx.sheets.nominals.recs) {
        const dob = rec.v.dob;
        if (!dob) continue;
        const age = ageAtMonthEnd(ctx, dob);
        if (dob > today) report('nominals', rec, 'dob', `DOB ${dob} is in the future`);
        else if (age < MIN_AGE || age > MAX_AGE) report('nominals', rec, 'dob', `DOB ${dob} gives an age of ${age}; check the date (ages ${MIN_AGE}–${MAX_AGE} are accepted)`);
      }
    },
  }),
  rule({
    id: 'V2-NOM-IDENT',
    severity: 'warning',
    sheet: 'nominals',
    columns: ['DOB', 'PNC ID'],
    description: 'A person with neither DOB nor PNC ID on any of their rows is hard to match across forces.',
    check(ctx, report) {
      for (const [ref, rows] of lookups(ctx).nominalsByRef) {
        if (!rows.some((r) => isGiven(r, 'dob') || isGiven(r, 'pncId'))) {
          report('nominals', rows[0], 'dob', `Nominal ${ref} has no DOB or PNC ID on any row; give one so the person can be matched`);
        }
      }
    },
  }),
  simple('V2-NOM-CODE', ['Gender', 'Home Force', 'Safeguarding Referral', 'NRM Referral', 'Arrested'], 'Gender is M/F/X/U; Home Force a force code; the referral and arrest columns YES or NO.'),
  simple('V2-NOM-PNC', ['PNC ID'], 'PNC ID is YY/NNNNNNNL: two-digit year, slash, 1–7 digits, one check letter.'),
  rule({
    id: 'V2-NOM-PNC-CHECK',
    severity: 'warning',
    sheet: 'nominals',
    columns: ['PNC ID'],
    description: 'The PNC ID check letter agrees with the algorithm of §8 (a warning only: the national system is the authority).',
    check(ctx, report) {
      for (const rec of ctx.sheets.nominals.recs) {
        const p = rec.v.pncId;
        if (p && !p.checkOk) report('nominals', rec, 'pncId', `The check letter of PNC ID ${p.normalised} should be ${p.expectedLetter}; check the ID`);
      }
    },
  }),
  simple('V2-NOM-POSTCODE', ['Home Postcode District'], 'Home Postcode District is the outward part of a UK postcode (LE1, B12, NW10).'),
  simple('V2-NOM-VULN', ['Vulnerabilities'], 'Vulnerabilities are from the list; CHILD is derived from DOB, never typed.'),
  simple('V2-NOM-EXPLOITED', ['Exploited'], 'Exploited is YES, NO or UNKNOWN.'),
  rule({
    id: 'V2-NOM-EXPLOITER',
    severity: 'error',
    sheet: 'nominals',
    columns: ['Exploited By'],
    description: 'Exploited By lists Nominal Refs of this return, other than the person themselves.',
    check(ctx, report) {
      const { nominalsByRef } = lookups(ctx);
      for (const rec of ctx.sheets.nominals.recs) {
        for (const ref of rec.v.exploitedBy ?? []) {
          if (ref === rec.v.ref) report('nominals', rec, 'exploitedBy', `Nominal ${ref} cannot be exploited by themselves`);
          else if (!nominalsByRef.has(ref)) report('nominals', rec, 'exploitedBy', `Exploited By names ${ref}, who is not on the Nominals sheet`);
        }
      }
    },
  }),
  simple('V2-NOM-CONTACTS', ['Police Contacts'], 'Police Contacts is a whole number ≥ 0.'),
  simple('V2-NOM-PHONE', ['Phone Numbers'], "Phone Numbers are UK mobile numbers (stored as +447…)."),
  rule({
    id: 'V2-NOM-CONSISTENT',
    severity: 'error',
    sheet: 'nominals',
    columns: ['Surname', 'Forenames', 'DOB', 'PNC ID'],
    description: 'Rows sharing a Nominal Ref agree on Surname, Forenames, DOB and PNC ID where both give them.',
    check(ctx, report) {
      for (const [ref, rows] of lookups(ctx).nominalsByRef) {
        if (rows.length < 2) continue;
        for (const [key, header, get] of CONSISTENT) {
          let first: Rec<'nominals'> | undefined;
          for (const rec of rows) {
            const value = get(rec);
            if (value === null) continue;
            if (!first) first = rec;
            else if (get(first) !== value) {
              report('nominals', rec, key, `Nominal ${ref} has ${header} "${value}" here but "${get(first)}" on row ${first.row}; the rows of one person must agree`);
            }
          }
        }
      }
    },
  }),
  rule({
    id: 'V2-NOM-DUPLICATE',
    severity: 'error',
    sheet: 'nominals',
    columns: ['Nominal Ref', 'Line Ref'],
    description: 'The same Nominal Ref appears only once on each Line Ref.',
    check(ctx, report) {
      const seen = new Map<string, number>();
      for (const rec of ctx.sheets.nominals.recs) {
        const { ref, lineRef } = rec.v;
        if (!ref || !lineRef) continue;
        const key = `${ref}\u0000${lineRef}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, rec.row);
        else report('nominals', rec, 'ref', `Nominal ${ref} is already linked to line ${lineRef} on row ${first}; give one row per person per line`);
      }
    },
  }),
  rule({
    id: 'V2-NOM-CHILD',
    severity: 'warning',
    sheet: 'nominals',
    columns: ['DOB', 'Exploited'],
    description: 'A person under 18 at month end recorded Exploited = NO: children in county lines are presumed exploited; confirm.',
    check(ctx, report) {
      for (const rec of ctx.sheets.nominals.recs) {
        if (rec.v.exploited !== 'NO') continue;
        const dob = personDob(ctx, rec.v.ref) ?? rec.v.dob;
        if (dob && ageAtMonthEnd(ctx, dob) < 18) {
          report('nominals', rec, 'exploited', `Nominal ${rec.v.ref} is ${ageAtMonthEnd(ctx, dob)} and recorded as not exploited; children in county lines are presumed exploited, please confirm`);
        }
      }
    },
  }),
  rule({
    id: 'V2-NOM-CHILD-CONTROLLER',
    severity: 'warning',
    sheet: 'nominals',
    columns: ['DOB', 'Role'],
    description: 'A person under 18 at month end in the role CONTROLLER.',
    check(ctx, report) {
      for (const rec of ctx.sheets.nominals.recs) {
        if (rec.v.role !== 'CONTROLLER') continue;
        const dob = personDob(ctx, rec.v.ref) ?? rec.v.dob;
        if (dob && ageAtMonthEnd(ctx, dob) < 18) {
          report('nominals', rec, 'role', `Nominal ${rec.v.ref} is ${ageAtMonthEnd(ctx, dob)} and recorded as a CONTROLLER; please confirm`);
        }
      }
    },
  }),
  rule({
    id: 'V2-NOM-SAFEGUARD',
    severity: 'warning',
    sheet: 'nominals',
    columns: ['Exploited', 'Safeguarding Referral'],
    description: 'A person exploited (YES on any row) with Safeguarding Referral = YES on none of their rows.',
    check(ctx, report) {
      for (const [ref, rows] of lookups(ctx).nominalsByRef) {
        const exploited = rows.find((r) => r.v.exploited === 'YES');
        // A referral written but unreadable ("Y") is already a V2-NOM-CODE error on that cell: one mistake, one message.
        if (exploited && !rows.some((r) => r.v.safeguardingReferral === 'YES' || r.bad?.safeguardingReferral)) {
          report('nominals', exploited, 'safeguardingReferral', `Nominal ${ref} is exploited but no safeguarding referral is recorded`);
        }
      }
    },
  }),
];
