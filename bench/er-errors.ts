// The resolution errors on one generated world, for tuning: true pairs left
// apart (with the comparison evidence) and false pairs joined.
// Run: npx tsx bench/er-errors.ts [seed=1] [preset=region] [limit=15]
import { comparePeople } from '../src/regional/compare.js';
import { prepareRecords } from '../src/regional/merge.js';
import { compareContext } from '../src/regional/people.js';
import { evaluateWorld, toReturnInputs } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';

const seed = Number(process.argv[2] ?? 1);
const preset = (process.argv[3] ?? 'region') as 'small' | 'region' | 'mergeBench';
const limit = Number(process.argv[4] ?? 15);
const world = presets[preset](seed);
const e = evaluateWorld(world);
const truth = world.truth.personOfRecord;
const predicted = e.result.personIdByRecord;
const records = prepareRecords(toReturnInputs(world.returns)).personRecords;
const byKey = new Map(records.map((r) => [r.key, r]));
const ctx = compareContext(records);
console.log(`prior weight ${ctx.priorWeight.toFixed(2)}`);
const compared = new Set<string>();
for (const p of e.result.people) for (const ed of p.edges) compared.add(`${ed.a}||${ed.b}`);
const reviewKeys = new Set(e.result.reviewPairs.map((p) => p.key));

const groups = new Map<string, string[]>();
for (const [k, t] of truth) groups.set(t, [...(groups.get(t) ?? []), k]);
const show = (a: string, b: string) => {
  const ra = byKey.get(a)!;
  const rb = byKey.get(b)!;
  const s = comparePeople(ra, rb, ctx);
  const v = (r: typeof ra) => `${r.key} ${r.surnames.values()}/${r.forenames.values()}/${r.dobs.values()}/${r.pncIds.values()}/${r.aliases}/${r.postcodeDistricts.values()}/L${r.lineGroups}`;
  console.log(`  ${v(ra)}\n  ${v(rb)}\n  w=${s.weight} ${s.evidence.map((x) => `${x.comparison}:${x.level}:${x.weight}`).join(' ')} review=${reviewKeys.has(a < b ? `${a}||${b}` : `${b}||${a}`)}`);
};
let n = 0;
console.log('MISSED (true pairs apart):');
for (const keys of groups.values()) {
  for (let i = 0; i < keys.length && n < limit; i++) for (let j = i + 1; j < keys.length && n < limit; j++) {
    if (predicted.get(keys[i]) !== predicted.get(keys[j])) (n++, show(keys[i], keys[j]));
  }
}
n = 0;
console.log('WRONG (false pairs joined):');
for (const p of e.result.people) {
  for (const ed of p.edges) {
    if (truth.get(ed.a) !== truth.get(ed.b) && n++ < limit) (console.log(`  edge ${ed.basis} ${ed.explanation}`), show(ed.a, ed.b));
  }
}
console.log(`P ${e.people.precision.toFixed(4)} R ${e.people.recall.toFixed(4)} review ${e.reviewPeople} truePairs ${e.people.truePairs}`);
