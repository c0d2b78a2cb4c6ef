import { describe, expect, it } from 'vitest';
import { parsedReturnSchema } from '../../src/matrix/model.js';
import { v2Errors } from './check.js';
import { ageAt, monthEnd, monthIndex } from './dates.js';
import { NOISE_NONE, generateWorld, lineKey, personKey, presets } from './index.js';
import type { World } from './types.js';

const small = presets.small(1);
const region = presets.region(3);

function rows(world: World) {
  return world.returns.flatMap((r) => r.nominals.map((n) => ({ force: r.meta.force, month: r.meta.month, n })));
}

describe('generateWorld', () => {
  it('gives a deep-equal world for the same seed and a different one for another seed', () => {
    expect(presets.small(1)).toEqual(small);
    expect(presets.small(2).returns).not.toEqual(small.returns);
  });

  it('produces returns that fit the ParsedReturn schema and break no v2 error rule', () => {
    for (const world of [small, region]) {
      for (const ret of world.returns) {
        expect(parsedReturnSchema.safeParse(ret).success).toBe(true);
        expect(v2Errors(ret)).toEqual([]);
      }
    }
  });

  it('maps every nominal and line ref of every return to a true person and line', () => {
    const people = new Set(region.truth.people.map((p) => p.id));
    const lines = new Set(region.truth.lines.map((l) => l.id));
    for (const ret of region.returns) {
      const f = ret.meta.force;
      for (const l of ret.lines) expect(lines.has(region.truth.lineOfRecord.get(lineKey(f, l.ref)) ?? '')).toBe(true);
      for (const n of ret.nominals) expect(people.has(region.truth.personOfRecord.get(personKey(f, n.ref)) ?? '')).toBe(true);
      for (const l of ret.lines) if (l.ocgUrn) expect(region.truth.ocgOfRecord.has(`${f}|${l.ocgUrn}`)).toBe(true);
    }
  });

  it('maps refs to the right person: recorded DOB and PNC agree with the true person', () => {
    const byId = new Map(region.truth.people.map((p) => [p.id, p]));
    let checked = 0;
    for (const { force, n } of rows(region)) {
      const p = byId.get(region.truth.personOfRecord.get(personKey(force, n.ref))!)!;
      if (n.dob) {
        const [y, m, d] = p.dob.split('-');
        expect([p.dob, `${y}-${d}-${m}`, `${+y + 1}-${m}-${d}`, `${+y - 1}-${m}-${d}`]).toContain(n.dob);
        checked++;
      }
      if (n.pncId) expect(n.pncId.slice(0, -1)).toBe(p.pncId!.slice(0, -1));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps a force’s refs stable across months: one ref, one name; one line, one ref', () => {
    const names = new Map<string, string>();
    for (const { force, n } of rows(region)) {
      const key = personKey(force, n.ref);
      const name = `${n.surname}|${n.forenames}`;
      expect(names.get(key) ?? name).toBe(name);
      names.set(key, name);
    }
    const refOfLine = new Map<string, string>();
    for (const [key, lineId] of region.truth.lineOfRecord) {
      const [force, ref] = key.split('|');
      expect(refOfLine.get(`${force}|${lineId}`) ?? ref).toBe(ref);
      refOfLine.set(`${force}|${lineId}`, ref);
    }
    const monthsOfRef = new Map<string, Set<string>>();
    for (const r of region.returns) for (const l of r.lines) {
      const k = lineKey(r.meta.force, l.ref);
      monthsOfRef.set(k, (monthsOfRef.get(k) ?? new Set()).add(r.meta.month));
    }
    expect([...monthsOfRef.values()].filter((s) => s.size >= 3).length).toBeGreaterThan(20);
  });

  it('swaps deal numbers on some lines mid-window while the force ref and brand continue', () => {
    expect(region.truth.lines.some((l) => l.dealNumbers.length === 2)).toBe(true);
    const numbersOfRef = new Map<string, Set<string>>();
    for (const r of region.returns) for (const l of r.lines) {
      const k = lineKey(r.meta.force, l.ref);
      const set = numbersOfRef.get(k) ?? new Set();
      for (const n of l.dealNumbers) set.add(n);
      numbersOfRef.set(k, set);
    }
    expect([...numbersOfRef.values()].filter((s) => s.size === 2).length).toBeGreaterThan(3);
  });

  it('has deconfliction cases: a line under active investigation in two forces in one month', () => {
    const lineCases = region.truth.deconflictions.filter((d) => d.kind === 'line');
    expect(lineCases.length).toBeGreaterThan(0);
    expect(region.truth.deconflictions.some((d) => d.kind === 'person')).toBe(true);
    for (const c of lineCases.slice(0, 20)) {
      const forces = region.returns
        .filter((r) => r.meta.month === c.month)
        .filter((r) => r.lines.some((l) => l.investigation === 'ACTIVE_INVESTIGATION' && region.truth.lineOfRecord.get(lineKey(r.meta.force, l.ref)) === c.id))
        .map((r) => r.meta.force);
      expect(forces.sort()).toEqual([...c.forces].sort());
    }
  });

  it('records children as exploited, with exploiters named in the same return', () => {
    const byId = new Map(region.truth.people.map((p) => [p.id, p]));
    let children = 0;
    let named = 0;
    for (const { force, month, n } of rows(region)) {
      const p = byId.get(region.truth.personOfRecord.get(personKey(force, n.ref))!)!;
      if (ageAt(p.dob, monthEnd(monthIndex(month))) < 18) {
        children++;
        expect(n.exploited).toBe('YES');
        if (n.exploitedBy.length) named++;
      }
      if (n.dob && ageAt(n.dob, monthEnd(monthIndex(month))) < 18) expect(n.exploited).toBe('YES');
    }
    expect(children).toBeGreaterThan(50);
    expect(named).toBeGreaterThan(5);
    expect(region.truth.people.some((p) => p.child && p.exploited && p.vulnerabilities.length)).toBe(true);
  });

  it('records controllers rarely and often under another role in importing forces', () => {
    const byId = new Map(region.truth.people.map((p) => [p.id, p]));
    const lineOf = new Map(region.truth.lines.map((l) => [l.id, l]));
    const tally = { exporting: { rows: 0, asController: 0 }, importing: { rows: 0, asController: 0 } };
    for (const r of region.returns) {
      const exportingOf = new Map(r.lines.map((l) => [l.ref, lineOf.get(region.truth.lineOfRecord.get(lineKey(r.meta.force, l.ref))!)!.exportingForce]));
      for (const n of r.nominals) {
        if (byId.get(region.truth.personOfRecord.get(personKey(r.meta.force, n.ref))!)!.role !== 'CONTROLLER') continue;
        const t = exportingOf.get(n.lineRef) === r.meta.force ? tally.exporting : tally.importing;
        t.rows++;
        if (n.role === 'CONTROLLER') t.asController++;
      }
    }
    expect(tally.exporting.asController / tally.exporting.rows).toBeGreaterThan(0.4);
    expect(tally.importing.asController / tally.importing.rows).toBeLessThan(0.35);
  });

  it('in a world where no force records roles, no row says CONTROLLER or LINE_HOLDER', () => {
    const world = presets.region(3, { recordRoles: false });
    const roles = new Set(rows(world).map(({ n }) => n.role));
    expect([...roles].sort()).toEqual(['ASSOCIATE', 'UNKNOWN']);
    expect(world.truth.people).toEqual(region.truth.people);
  });

  it('has nil returns and missing returns under default noise, and exact identities under NOISE_NONE', () => {
    expect(region.returns.some((r) => r.meta.nilReturn)).toBe(true);
    const clean = generateWorld({ seed: 5, noise: NOISE_NONE });
    expect(clean.truth.missingReturns).toEqual([]);
    const byId = new Map(clean.truth.people.map((p) => [p.id, p]));
    for (const { force, n } of rows(clean)) {
      const p = byId.get(clean.truth.personOfRecord.get(personKey(force, n.ref))!)!;
      const plain = (s: string | null) => s?.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
      expect(n.dob).toBe(p.dob);
      expect(plain(n.surname)).toBe(plain(p.surname));
      expect(plain(n.forenames)).toBe(plain(p.forenames));
      if (n.pncId) expect(n.pncId).toBe(p.pncId);
    }
  });

  it('includes hard negatives for matching: siblings and namesakes', () => {
    const byId = new Map(region.truth.people.map((p) => [p.id, p]));
    const siblings = region.truth.people.filter((p) => p.lookalike?.kind === 'SIBLING');
    const namesakes = region.truth.people.filter((p) => p.lookalike?.kind === 'NAMESAKE');
    expect(siblings.length).toBeGreaterThan(0);
    expect(namesakes.length).toBeGreaterThan(0);
    for (const p of siblings) expect(byId.get(p.lookalike!.id)!.surname).toBe(p.surname);
    for (const p of namesakes) expect(byId.get(p.lookalike!.id)!.forenames).toBe(p.forenames);
  });

  it('never lets a force use one ref for two people, and sometimes gives one person two refs', () => {
    const world = presets.region(3, { noise: { duplicateRef: 0.2 } });
    const refsOfPerson = new Map<string, Set<string>>();
    for (const [key, id] of world.truth.personOfRecord) {
      const force = key.split('|')[0];
      const k = `${force}|${id}`;
      refsOfPerson.set(k, (refsOfPerson.get(k) ?? new Set()).add(key));
    }
    expect([...refsOfPerson.values()].some((s) => s.size > 1)).toBe(true);
    for (const ret of world.returns) expect(v2Errors(ret)).toEqual([]);
  });
});
