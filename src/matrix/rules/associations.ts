// MATRIX-V2 §7: the optional Associations sheet, person-to-person links.
import { lookups } from './lookups.js';
import { rule } from './types.js';

export const ASSOCIATION_RULES = [
  rule({
    id: 'V2-ASSOC-REF',
    severity: 'error',
    sheet: 'associations',
    columns: ['From Nominal Ref', 'To Nominal Ref'],
    description: 'From and To are Nominal Refs of the Nominals sheet, and not the same person.',
    check(ctx, report) {
      const { nominalsByRef } = lookups(ctx);
      for (const rec of ctx.sheets.associations.recs) {
        const { fromRef, toRef } = rec.v;
        if (fromRef && !nominalsByRef.has(fromRef)) report('associations', rec, 'fromRef', `Nominal ${fromRef} is not on the Nominals sheet`);
        if (toRef && !nominalsByRef.has(toRef)) report('associations', rec, 'toRef', `Nominal ${toRef} is not on the Nominals sheet`);
        if (fromRef && fromRef === toRef) report('associations', rec, 'toRef', `An association links two people; ${fromRef} is on both ends`);
      }
    },
  }),
  rule({
    id: 'V2-ASSOC-TYPE',
    severity: 'error',
    sheet: 'associations',
    columns: ['Relationship'],
    description: 'Relationship is DIRECTS, SUPPLIES, RECRUITED, EXPLOITS, FINANCES or ASSOCIATE.',
  }),
];
