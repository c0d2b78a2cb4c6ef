// MATRIX-V2 §6: the optional Addresses sheet, one row per address per line.
import { lookups } from './lookups.js';
import { rule } from './types.js';

export const ADDRESS_RULES = [
  rule({
    id: 'V2-ADDR-LINE',
    severity: 'error',
    sheet: 'addresses',
    columns: ['Line Ref'],
    description: 'Line Ref is a Line Ref of the Lines sheet.',
    check(ctx, report) {
      const { linesByRef } = lookups(ctx);
      for (const rec of ctx.sheets.addresses.recs) {
        if (rec.v.lineRef && !linesByRef.has(rec.v.lineRef)) report('addresses', rec, 'lineRef', `Line Ref ${rec.v.lineRef} is not on the Lines sheet`);
      }
    },
  }),
  rule({ id: 'V2-ADDR-POSTCODE', severity: 'error', sheet: 'addresses', columns: ['Postcode'], description: 'Postcode is a full UK postcode.' }),
  rule({ id: 'V2-ADDR-TYPE', severity: 'error', sheet: 'addresses', columns: ['Address Type'], description: 'Address Type is CUCKOOED, TRAP_HOUSE, STASH, HOME or OTHER.' }),
  rule({
    id: 'V2-ADDR-OCCUPANT',
    severity: 'error',
    sheet: 'addresses',
    columns: ['Occupant Nominal Ref'],
    description: 'Occupant Nominal Ref, when given, is a Nominal Ref of the Nominals sheet.',
    check(ctx, report) {
      const { nominalsByRef } = lookups(ctx);
      for (const rec of ctx.sheets.addresses.recs) {
        const ref = rec.v.occupantRef;
        if (ref && !nominalsByRef.has(ref)) report('addresses', rec, 'occupantRef', `Occupant ${ref} is not on the Nominals sheet`);
      }
    },
  }),
  rule({
    id: 'V2-ADDR-DATES',
    severity: 'error',
    sheet: 'addresses',
    columns: ['First Seen', 'Last Seen'],
    description: 'Last Seen is not before First Seen.',
    check(ctx, report) {
      for (const rec of ctx.sheets.addresses.recs) {
        const { firstSeen, lastSeen } = rec.v;
        if (firstSeen && lastSeen && lastSeen < firstSeen) report('addresses', rec, 'lastSeen', `Last Seen ${lastSeen} is before First Seen ${firstSeen}`);
      }
    },
  }),
];
