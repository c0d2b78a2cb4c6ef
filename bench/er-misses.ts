// What the people the window resolution fails to join have in common: for
// every true person split across two or more merged people, each pair of
// those merged people (a "split"), the best evidence any two of their
// records share. Tells apart misses an analyst could join (a shared DOB,
// phone, street name…) from pairs that share nothing but a name.
// Run: npx tsx bench/er-misses.ts [seeds=1,2,3] [preset=hubs|mergeBench] [refsReissued=0] [show=0]
// (show: print that many splits with evidence beyond the name, with their records)
import { BLOCKING_DEFAULTS, candidatePairs } from '../src/regional/blocking.js';
import { comparePeople } from '../src/regional/compare.js';
import { mergeReturns, prepareRecords } from '../src/regional/merge.js';
import { compareContext, DEFAULT_THRESHOLDS, reissuingForces } from '../src/regional/people.js';
import { toReturnInputs } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';
import type { WorldOptionsInput } from '../test/world/types.js';
import { forcesOfRegion } from '../src/reference/forces.js';

const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
const preset = process.argv[3] ?? 'hubs';
const refsReissued = Number(process.argv[4] ?? 0);
const show = Number(process.argv[5] ?? 0);
const hubs = (seed: number, over: WorldOptionsInput) =>
  presets.region(seed, { forces: [...forcesOfRegion('EAST_MIDLANDS'), 'MET', 'WMP', 'GMP', 'MER'], months: ['2026-01', '2026-02', '2026-03'], ...over });

for (const seed of seeds) {
  const world = preset === 'mergeBench' ? presets.mergeBench(seed, { noise: { refsReissued } }) : hubs(seed, { noise: { refsReissued } });
  const returns = toReturnInputs(world.returns);
  const result = mergeReturns({
    scope: 'EVAL', months: [...new Set(returns.map((r) => r.month))].sort(), returns, decisions: [],
    priorPersonIds: new Map(), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS,
  });
  const { personRecords: records } = prepareRecords([...returns].sort((a, b) => (a.force + a.month < b.force + b.month ? -1 : 1)));
  const ctx = compareContext(records);
  const reissuing = reissuingForces(records);
  const { pairs } = candidatePairs(records, {
    ...BLOCKING_DEFAULTS,
    sameForce: (a, b) => reissuing.has(records[a].force) && !records[a].months.some((m) => records[b].months.includes(m)),
  });
  const blocked = new Set<string>();
  for (let i = 0; i < pairs.length; i += 2) blocked.add(`${pairs[i]}|${pairs[i + 1]}`);
  const reviewed = new Map(result.reviewPairs.filter((p) => p.kind === 'person').map((p) => [`${p.a.key}|${p.b.key}`, p]));
  const truthOf = (i: number) => world.truth.personOfRecord.get(records[i].key)!;
  const idOf = (i: number) => result.personIdByRecord.get(records[i].key)!;
  // true person → merged id → record indices
  const split = new Map<string, Map<string, number[]>>();
  records.forEach((r, i) => {
    const t = truthOf(i);
    const m = split.get(t) ?? split.set(t, new Map()).get(t)!;
    const g = m.get(idOf(i)) ?? m.set(idOf(i), []).get(idOf(i))!;
    g.push(i);
  });
  const tally = new Map<string, number>();
  const add = (k: string, n = 1) => tally.set(k, (tally.get(k) ?? 0) + n);
  let splits = 0;
  let missedPairs = 0;
  const shown: string[] = [];
  for (const [t, byId] of split) {
    const groups = [...byId.values()];
    if (groups.length < 2) continue;
    for (let x = 0; x < groups.length; x++) for (let y = x + 1; y < groups.length; y++) {
      splits++;
      missedPairs += groups[x].length * groups[y].length;
      const levels = new Set<string>();
      let bestWeight = -Infinity;
      let anyBlocked = false;
      let anyCompared = false;
      for (const a of groups[x]) for (const b of groups[y]) {
        const [i, j] = a < b ? [a, b] : [b, a];
        const sameForce = records[i].force === records[j].force;
        if (sameForce && !(reissuing.has(records[i].force) && !records[i].months.some((m) => records[j].months.includes(m)))) {
          levels.add('sameForceSlot');
          continue;
        }
        anyCompared = true;
        if (blocked.has(`${i}|${j}`)) anyBlocked = true;
        const rv = reviewed.get(`${records[i].key}|${records[j].key}`) ?? reviewed.get(`${records[j].key}|${records[i].key}`);
        if (rv) levels.add(`review:${rv.reason}(${rv.weight.toFixed(1)}${rv.evidence.filter((e) => e.comparison === 'crew' || e.comparison === 'associates').map((e) => ` ${e.comparison} ${e.level}`).join('')})`);
        const s = comparePeople(records[i], records[j], ctx);
        if (s.weight > bestWeight) bestWeight = s.weight;
        for (const e of s.evidence) if (e.level !== 'MISSING' && e.weight > 0) levels.add(`${e.comparison}:${e.level}`);
        for (const e of s.evidence) if (e.level === 'DIFFERENT' && (e.comparison === 'dob' || e.comparison === 'postcodeDistrict')) levels.add(`${e.comparison}:DIFFERENT`);
        const hf = records[i].homeForces.values().filter((f) => records[j].homeForces.values().includes(f));
        if (hf.length) levels.add('homeForce:SAME');
        if (records[i].pncIds.size + records[j].pncIds.size === 1) levels.add('pnc:oneSide');
      }
      if (!anyCompared) { add('only same-force (slot)'); continue; }
      const n = groups[x].length * groups[y].length;
      add(anyBlocked ? 'blocked' : 'NOT blocked');
      const strong = ['dob:EXACT', 'dob:DAY', 'dob:YEAR', 'dob:ONE', 'phones', 'streetNames:SHARED', 'pnc:CHECK', 'postcodeDistrict:SAME', 'sharedLine:SHARED'];
      const kinds = [...levels].filter((l) => strong.some((s) => l.startsWith(s) && l !== 'streetNames:SHARED_NAME_DERIVED'));
      for (const l of levels) if (l.startsWith('review:')) add(`${kinds.length ? 'evidence' : 'name only'} ${l.replace(/\(.*?( |\))/, '$1').replace(/\)$/, '')}`);
      const cat = kinds.length ? 'has evidence beyond name/area' : 'name only (+origin/gender/homeForce/name-derived street name)';
      add(`${cat}: splits`);
      add(`${cat}: record pairs`, n);
      add(`${cat}, ${anyBlocked ? 'blocked' : 'NOT blocked'}: splits`);
      if (kinds.length) add(`  has ${kinds.sort().join("+")}${anyBlocked ? "" : " (NOT blocked)"}`);
      const wb = bestWeight >= DEFAULT_THRESHOLDS.upper ? '>=upper' : bestWeight >= DEFAULT_THRESHOLDS.lower ? 'review' : bestWeight >= 0 ? '0..lower' : '<0';
      add(`${cat}, ${anyBlocked ? 'blocked' : 'NOT blocked'}, best pair ${wb}: splits`);
      for (const l of levels) add(`  level ${l}`);
      if (show && shown.length < show && kinds.length) {
        const desc = (g: number[]) => g.map((i) => `${records[i].key}[${records[i].months.join(',')}] ${records[i].names.map((n) => `${n.surname},${n.forename}`).join('/')} dob=${records[i].dobs.values()} pnc=${records[i].pncIds.values()} ph=${records[i].phones.values().length} d=${records[i].postcodeDistricts.values()} al=${records[i].aliases} lg=${records[i].lineGroups} o=${records[i].origins}`).join('\n      ');
        shown.push(`${t} w=${bestWeight.toFixed(1)} ${[...levels].join(' ')}\n   A ${desc(groups[x])}\n   B ${desc(groups[y])}`);
      }
    }
  }
  let truePairs = 0;
  for (const byId of split.values()) {
    const n = [...byId.values()].reduce((t, g) => t + g.length, 0);
    truePairs += (n * (n - 1)) / 2;
  }
  const nameOnlyPairs = tally.get('name only (+origin/gender/homeForce/name-derived street name): record pairs') ?? 0;
  console.log(`seed ${seed}: ${records.length} records, ${splits} splits, ${missedPairs} missed of ${truePairs} true record pairs (recall ${(1 - missedPairs / truePairs).toFixed(3)}; ${(1 - nameOnlyPairs / truePairs).toFixed(3)} if every split with evidence beyond the name were joined)`);
  for (const [k, n] of [...tally].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${k}: ${n}`);
  for (const s of shown) console.log(s);

  // Namesakes: pairs of merged people whose names agree (same name keys, either order), by truth, by how
  // far apart they are in the resolved network (1 = on one line, 2 = one associate in common, …) and
  // where their lines run from. What separates the missed pairs above from real namesakes?
  if (records.length > 20_000) continue;
  const groupsById = new Map<string, number[]>();
  records.forEach((_, i) => (groupsById.get(idOf(i)) ?? groupsById.set(idOf(i), []).get(idOf(i))!).push(i));
  const personLines = new Map<string, Set<string>>();
  const linePeople = new Map<string, Set<string>>();
  for (const l of result.links) {
    (personLines.get(l.personId) ?? personLines.set(l.personId, new Set()).get(l.personId)!).add(l.lineId);
    (linePeople.get(l.lineId) ?? linePeople.set(l.lineId, new Set()).get(l.lineId)!).add(l.personId);
  }
  const hops = (from: string, to: string, max = 4) => {
    let frontier = new Set([from]);
    const seen = new Set([from]);
    for (let d = 1; d <= max; d++) {
      const next = new Set<string>();
      for (const p of frontier) for (const l of personLines.get(p) ?? []) for (const q of linePeople.get(l) ?? []) {
        if (q === to) return d;
        if (!seen.has(q)) (seen.add(q), next.add(q));
      }
      frontier = next;
    }
    return Infinity;
  };
  const byName = new Map<string, string[]>();
  for (const [id, members] of groupsById) {
    const keys = new Set<string>();
    for (const i of members) for (const n of records[i].names) if (n.foreKey) keys.add([n.surnameKey, n.foreKey].sort().join('~'));
    for (const k of keys) (byName.get(k) ?? byName.set(k, []).get(k)!).push(id);
  }
  const table = new Map<string, [number, number]>();
  const done = new Set<string>();
  for (const ids of byName.values()) {
    if (ids.length > 30) continue;
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) {
      const [g, h] = ids[x] < ids[y] ? [ids[x], ids[y]] : [ids[y], ids[x]];
      if (done.has(`${g}|${h}`)) continue;
      done.add(`${g}|${h}`);
      const A = groupsById.get(g)!;
      const B = groupsById.get(h)!;
      const vote = (m: number[]) => truthOf(m[0]);
      const same = vote(A) === vote(B);
      let origin = 'none';
      let hf = false;
      let vul = false;
      let dobDiff = false;
      let slotClash = false;
      let bestW = -Infinity;
      for (const a of A) for (const b of B) {
        const [i, j] = a < b ? [a, b] : [b, a];
        if (records[i].force === records[j].force && !(reissuing.has(records[i].force) && !records[i].months.some((m) => records[j].months.includes(m)))) { slotClash = true; continue; }
        const s = comparePeople(records[i], records[j], ctx, false);
        bestW = Math.max(bestW, s.weight);
        for (const e of s.evidence) {
          if (e.comparison === 'origin' && (origin === 'none' || e.level === 'SAME_AREA')) origin = e.level;
          if (e.comparison === 'dob' && e.level === 'DIFFERENT') dobDiff = true;
        }
        if (records[i].homeForces.values().some((f) => records[j].homeForces.values().includes(f))) hf = true;
        if (records[i].vulnerabilities.values().some((f) => records[j].vulnerabilities.values().includes(f))) vul = true;
      }
      if (slotClash || dobDiff || bestW === -Infinity) continue;
      const d = hops(g, h);
      const key = `hops ${d === Infinity ? '>4' : d} origin ${origin}${hf ? ' homeForce' : ''}`;
      const t = table.get(key) ?? table.set(key, [0, 0]).get(key)!;
      t[same ? 0 : 1]++;
    }
  }
  console.log('  name-agreeing pairs of merged people (no DOB differing, no slot clash): [same person, different people]');
  for (const [k, v] of [...table].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`    ${k}: ${v[0]} / ${v[1]}`);
}
