import type { Role } from '../../src/matrix/codes.js';
import { regionOfForce } from '../../src/reference/forces.js';
import { ageAt, dobForAge, monthEnd, monthIndex, monthString } from './dates.js';
import { createPhoneBook, makePnc, makePostcode } from './ids.js';
import { LINE_BRANDS, drawName } from './names.js';
import { AREAS, HUB_WEIGHTS, hubAreas, importAreas, type Area } from './places.js';
import type { Rng } from './random.js';
import type {
  LineMember, Tier, TrueAddress, TrueAssociation, TrueLine, TrueOcg, TruePerson, WorldOptions,
} from './types.js';

// The true world: suppliers above OCGs; each OCG based in an exporting hub with
// 1–3 controllers who control several lines; each line with holders, runners,
// street dealers and cuckooed occupants in its importing areas. Everything a
// force later records is drawn from this.

export interface Structure {
  people: TruePerson[];
  lines: TrueLine[];
  ocgs: TrueOcg[];
  addresses: TrueAddress[];
  associations: TrueAssociation[];
}

const TIER: Record<string, Tier> = {
  SUPPLIER: 'supplier', CONTROLLER: 'controller', LINE_HOLDER: 'middle', ENFORCER: 'middle', RECRUITER: 'middle',
  RUNNER: 'street', STREET_DEALER: 'street', CUCKOOED_OCCUPANT: 'street',
};

const CHILD_VULNS = ['MISSING_EPISODES', 'LOOKED_AFTER_CHILD', 'MENTAL_HEALTH', 'LEARNING_DISABILITY', 'SUBSTANCE_DEPENDENCY', 'DEBT_BONDAGE'];
const ADULT_VULNS = ['SUBSTANCE_DEPENDENCY', 'MENTAL_HEALTH', 'LEARNING_DISABILITY', 'HOMELESS', 'DEBT_BONDAGE', 'CARE_LEAVER'];

export function buildStructure(rng: Rng, o: WorldOptions): Structure {
  const w0 = monthIndex(o.months[0]);
  const w1 = monthIndex(o.months[o.months.length - 1]);
  const firstEnd = monthEnd(w0);
  const phone = createPhoneBook(rng.fork('phones'));
  const people: TruePerson[] = [];
  const lines: TrueLine[] = [];
  const ocgs: TrueOcg[] = [];
  const addresses: TrueAddress[] = [];
  const byId = new Map<string, TruePerson>();
  /** The current OCG's people, for siblings. */
  let crew: TruePerson[] = [];
  // Keyed by number (ids are P + a serial): at national scale string keys cost more than the rest of linking.
  const assoc = new Map<number, TrueAssociation>();
  const RELATIONSHIPS = ['DIRECTS', 'SUPPLIES', 'RECRUITED', 'EXPLOITS', 'FINANCES', 'ASSOCIATE'];
  const link = (fromId: string, toId: string, relationship: TrueAssociation['relationship']) => {
    const key = (Number(fromId.slice(1)) * 4_000_000 + Number(toId.slice(1))) * 8 + RELATIONSHIPS.indexOf(relationship);
    if (fromId !== toId && !assoc.has(key)) assoc.set(key, { fromId, toId, relationship });
  };

  function person(role: Role, ocgId: string | null, home: Area, age: number, opts: { male?: number; vulnerable?: number; pnc?: number; street?: number } = {}): TruePerson {
    const gender = rng.chance(opts.male ?? 0.85) ? 'M' : 'F';
    const name = drawName(rng, gender, rng.chance(opts.street ?? 0.5));
    // Hard cases for matching: a sibling in the same OCG (same surname and district),
    // or an unrelated namesake anywhere (same forenames and surname).
    let lookalike: TruePerson['lookalike'] = null;
    let district = rng.pick(home.districts);
    const kin = ocgId ? crew.filter((c) => c.homeArea === home.name) : [];
    if (kin.length && rng.chance(0.03)) {
      const sib = rng.pick(kin);
      name.surname = sib.surname;
      district = sib.homePostcodeDistrict;
      lookalike = { id: sib.id, kind: 'SIBLING' };
    } else if (people.length > 20 && rng.chance(0.01)) {
      const other = people[rng.int(0, people.length - 1)];
      if (other.gender === gender) {
        name.forenames = other.forenames;
        name.surname = other.surname;
        lookalike = { id: other.id, kind: 'NAMESAKE' };
      }
    }
    const dob = dobForAge(rng, age, firstEnd);
    const child = ageAt(dob, firstEnd) < 18;
    const vulnerable = child || rng.chance(opts.vulnerable ?? 0);
    const vulnerabilities = vulnerable ? rng.sample(child ? CHILD_VULNS : ADULT_VULNS, rng.int(child ? 0 : 1, 2)) : [];
    const pncYear = Number(dob.slice(0, 4)) + rng.int(Math.min(age, 14), Math.max(age, 14));
    const p: TruePerson = {
      id: `P${String(people.length + 1).padStart(6, '0')}`,
      tier: TIER[role], role, ocgId, ocgIds: ocgId ? [ocgId] : [],
      forenames: name.forenames, surname: name.surname, streetNames: name.streetNames,
      gender, dob, child, exploited: vulnerable && role !== 'CONTROLLER' && role !== 'SUPPLIER', vulnerabilities,
      exploitedBy: [],
      pncId: rng.chance(opts.pnc ?? 0.6) ? makePnc(rng, Math.min(pncYear, Math.floor(w0 / 12))) : null,
      phones: Array.from({ length: rng.weighted([[0, 1], [1, 5], [2, 3], [3, 1]] as const) }, phone),
      homeForce: home.force, homeArea: home.name, homePostcodeDistrict: district, lineIds: [], lookalike,
    };
    people.push(p);
    byId.set(p.id, p);
    if (ocgId) crew.push(p);
    return p;
  }

  const exporters = o.exportingForces.map((f) => [f, HUB_WEIGHTS[f] ?? 1] as const);
  const suppliers = Array.from({ length: o.suppliers }, () =>
    person('SUPPLIER', null, rng.pick(hubAreas(rng.weighted(exporters))), rng.int(30, 55), { male: 0.95, pnc: 0.8, street: 0.3 }),
  );

  for (let i = 0; i < o.ocgs; i++) {
    const force = rng.weighted(exporters);
    const base = rng.pick(hubAreas(force));
    const ocg: TrueOcg = { id: `O${String(i + 1).padStart(4, '0')}`, force, area: base.name, controllerIds: [], supplierIds: [], lineIds: [], memberIds: [] };
    ocgs.push(ocg);
    crew = [];
    const join = (p: TruePerson) => (ocg.memberIds.push(p.id), p);
    const controllers = Array.from({ length: rng.range(o.controllersPerOcg) }, () =>
      join(person('CONTROLLER', ocg.id, base, rng.int(21, 45), { male: 0.92, pnc: 0.85, street: 0.6 })));
    ocg.controllerIds = controllers.map((c) => c.id);
    for (const a of controllers) for (const b of controllers) if (a.id < b.id) link(a.id, b.id, 'ASSOCIATE');
    const mySuppliers = suppliers.length ? rng.sample(suppliers, rng.int(1, Math.min(2, suppliers.length))) : [];
    ocg.supplierIds = mySuppliers.map((s) => s.id);
    for (const s of mySuppliers) {
      s.ocgIds.push(ocg.id);
      for (const c of controllers) link(s.id, c.id, 'SUPPLIES');
    }
    const enforcers = Array.from({ length: rng.weighted([[0, 2], [1, 3], [2, 1]] as const) }, () =>
      join(person('ENFORCER', ocg.id, base, rng.int(18, 35), { male: 0.97, pnc: 0.8, street: 0.7 })));
    const recruiters = Array.from({ length: rng.weighted([[0, 1], [1, 3], [2, 1]] as const) }, () =>
      join(person('RECRUITER', ocg.id, base, rng.int(17, 30), { male: 0.8, pnc: 0.6, street: 0.7 })));
    for (const c of controllers) for (const m of [...enforcers, ...recruiters]) if (rng.chance(0.6)) link(c.id, m.id, 'DIRECTS');
    const holders: TruePerson[] = [];
    const runners: TruePerson[] = [];
    const locals = new Map<string, TruePerson[]>();
    const brands = new Set<string>();

    const nLines = rng.range(o.linesPerOcg);
    for (let j = 0; j < nLines; j++) {
      const line = makeLine(ocg, base, j, controllers);
      brands.add(line.name);
      const members: LineMember[] = [];
      const onLine = new Set<string>();
      const start = Math.max(monthIndex(line.startMonth), w0 - 1);
      const end = line.closedMonth ? monthIndex(line.closedMonth) : w1 + 1;
      const add = (p: TruePerson, role: Role, force: string | null, churn: boolean) => {
        if (onLine.has(p.id)) return;
        onLine.add(p.id);
        let from = start;
        let to = end;
        // Churn inside the line's life, never wholly outside the window.
        if (churn && end - start > 1 && rng.chance(0.3)) from = rng.int(start + 1, Math.min(end - 1, w1));
        if (churn && end - from > 1 && rng.chance(0.2)) to = rng.int(Math.max(from, w0), end - 1);
        members.push({ personId: p.id, role, from, to, force });
        p.lineIds.push(line.id);
        if (p.ocgId !== ocg.id && !p.ocgIds.includes(ocg.id)) p.ocgIds.push(ocg.id);
      };
      for (const c of line.controllerIds) add(byId.get(c)!, 'CONTROLLER', null, false);
      const lineHolders: TruePerson[] = [];
      const holder = holders.length && rng.chance(o.sharing) ? rng.pick(holders) : join(person('LINE_HOLDER', ocg.id, base, rng.chance(0.12) ? rng.int(16, 17) : rng.int(18, 30), { pnc: 0.6 }));
      if (!holders.includes(holder)) holders.push(holder);
      lineHolders.push(holder);
      add(holder, 'LINE_HOLDER', null, false);
      if (line.dealNumbers.length > 1 && rng.chance(0.5)) {
        const second = join(person('LINE_HOLDER', ocg.id, base, rng.int(17, 28), { pnc: 0.5 }));
        holders.push(second);
        lineHolders.push(second);
        add(second, 'LINE_HOLDER', null, true);
      }
      for (const c of line.controllerIds) for (const h of lineHolders) {
        link(c, h.id, 'DIRECTS');
        if (rng.chance(0.1)) link(c, h.id, 'FINANCES');
      }
      for (const m of [...enforcers, ...recruiters]) if (rng.chance(0.5)) add(m, m.role, null, true);
      if (mySuppliers.length && rng.chance(0.1)) add(rng.pick(mySuppliers), 'SUPPLIER', null, false);

      const nStreet = Math.max(1, rng.range(o.peoplePerLine) - lineHolders.length);
      for (let k = 0; k < nStreet; k++) {
        const imp = rng.pick(line.importingAreas.filter((a) => a.force !== 'BTP'));
        const impArea = AREAS[imp.force].find((a) => a.name === imp.area) ?? base;
        const role = rng.weighted<Role>([['RUNNER', 45], ['STREET_DEALER', 32], ['CUCKOOED_OCCUPANT', 23]]);
        let p: TruePerson;
        if (role === 'RUNNER') {
          p = runners.length && rng.chance(o.sharing) ? rng.pick(runners) : join(person('RUNNER', ocg.id, rng.chance(0.7) ? base : impArea, rng.chance(0.65) ? rng.int(13, 17) : rng.int(18, 25), { pnc: 0.35, vulnerable: 0.4, street: 0.4 }));
          if (!runners.includes(p)) runners.push(p);
          const recruiter = recruiters.length ? rng.pick(recruiters) : undefined;
          if (recruiter && p.child) link(recruiter.id, p.id, 'RECRUITED');
        } else {
          const key = `${impArea.force}|${impArea.name}|${role}`;
          const pool = locals.get(key) ?? [];
          locals.set(key, pool);
          const child = role === 'STREET_DEALER' && rng.chance(0.3);
          p = pool.length && rng.chance(o.sharing * 0.7) ? rng.pick(pool) : join(person(role, ocg.id, impArea,
            role === 'CUCKOOED_OCCUPANT' ? rng.int(25, 65) : child ? rng.int(15, 17) : rng.int(18, 45),
            { male: role === 'CUCKOOED_OCCUPANT' ? 0.6 : 0.85, pnc: 0.5, vulnerable: role === 'CUCKOOED_OCCUPANT' ? 1 : 0.35, street: role === 'CUCKOOED_OCCUPANT' ? 0.05 : 0.4 }));
          if (!pool.includes(p)) pool.push(p);
          if (role === 'CUCKOOED_OCCUPANT' && !onLine.has(p.id)) {
            addresses.push({ id: `A${String(addresses.length + 1).padStart(6, '0')}`, postcode: makePostcode(rng, p.homePostcodeDistrict), force: impArea.force, type: 'CUCKOOED', lineId: line.id, occupantId: p.id });
          }
        }
        const memberForce = p.role === 'RUNNER' && rng.chance(0.25) ? null : imp.force;
        add(p, p.role, memberForce, true);
        const h = rng.pick(lineHolders);
        if (p.role !== 'CUCKOOED_OCCUPANT') link(h.id, p.id, 'DIRECTS');
        if (p.exploited) {
          link(h.id, p.id, 'EXPLOITS');
          for (const by of [h.id, ...(rng.chance(0.3) ? [line.controllerIds[0]] : [])]) if (!p.exploitedBy.includes(by)) p.exploitedBy.push(by);
        }
      }
      for (const imp of line.importingAreas) {
        const area = AREAS[imp.force].find((a) => a.name === imp.area);
        if (area && imp.force !== 'BTP' && rng.chance(0.4)) addresses.push({ id: `A${String(addresses.length + 1).padStart(6, '0')}`, postcode: makePostcode(rng, rng.pick(area.districts)), force: imp.force, type: 'TRAP_HOUSE', lineId: line.id, occupantId: null });
      }
      if (rng.chance(0.2)) addresses.push({ id: `A${String(addresses.length + 1).padStart(6, '0')}`, postcode: makePostcode(rng, rng.pick(base.districts)), force: base.force, type: 'STASH', lineId: line.id, occupantId: null });
      line.members = members;
      lines.push(line);
      ocg.lineIds.push(line.id);
    }
    for (const r of recruiters) for (const p of runners) if (p.child && rng.chance(0.3)) link(r.id, p.id, 'EXPLOITS');
    for (const id of ocg.memberIds) {
      const p = byId.get(id)!;
      if (p.exploited && !p.exploitedBy.length) {
        p.exploitedBy.push(controllers[0].id);
        link(controllers[0].id, p.id, 'EXPLOITS');
      }
    }

    function makeLine(o2: TrueOcg, home: Area, j: number, ctrl: TruePerson[]): TrueLine {
      let name = rng.pick(LINE_BRANDS);
      while (brands.has(name)) name = `${rng.pick(LINE_BRANDS)}${rng.chance(0.5) ? '' : ` ${rng.int(2, 4)}`}`;
      const importingAreas = chooseImportingAreas(home);
      const startIdx = rng.chance(0.7) ? w0 - rng.int(1, 24) : rng.int(w0, w1);
      const closed = rng.chance(0.18) ? rng.int(Math.max(startIdx, w0), w1) : null;
      const end = closed ?? w1;
      const dormantMonths: string[] = [];
      for (let m = Math.max(startIdx + 1, w0); m < end; m++) if (rng.chance(0.07)) dormantMonths.push(monthString(m));
      const first = phone();
      const dealNumbers: TrueLine['dealNumbers'] = [{ number: first, from: monthString(startIdx), to: null }];
      const liveFrom = Math.max(startIdx, w0);
      if (end - liveFrom >= 1 && rng.chance(0.35)) {
        const swap = rng.int(liveFrom + 1, end);
        dealNumbers[0].to = monthString(swap - 1);
        dealNumbers.push({ number: phone(), from: monthString(swap), to: null });
      }
      const violence = rng.chance(0.35);
      const nCtrl = Math.min(ctrl.length, rng.chance(0.3) ? 2 : 1);
      const controllerIds = [ctrl[j % ctrl.length], ...rng.sample(ctrl, nCtrl)].map((c) => c.id).filter((v, k, a) => a.indexOf(v) === k).slice(0, nCtrl);
      return {
        id: `L${String(lines.length + 1).padStart(5, '0')}`, ocgId: o2.id, name,
        dealNumbers, exportingForce: home.force, exportingArea: home.name, importingAreas,
        startMonth: monthString(startIdx), closedMonth: closed === null ? null : monthString(closed), dormantMonths,
        drugTypes: rng.weighted([[['HEROIN', 'CRACK'], 60], [['HEROIN', 'CRACK', 'COCAINE'], 15], [['CRACK'], 8], [['COCAINE'], 6], [['CANNABIS'], 4], [['HEROIN', 'CRACK', 'SPICE'], 4], [['KETAMINE', 'MDMA'], 3]] as const).slice(),
        violence,
        weapons: violence ? rng.weighted([[['KNIFE'], 7], [['KNIFE', 'FIREARM'], 2], [['OTHER'], 1]] as const).slice() : [],
        controllerIds, members: [],
      };
    }
  }

  function chooseImportingAreas(home: Area): { force: string; area: string }[] {
    const region = regionOfForce(home.force);
    const candidates = o.forces
      .filter((f) => f !== 'BTP')
      .map((f) => [f, f === home.force ? 0.3 : f === 'COL' ? 0.1 : (o.exportingForces.includes(f) ? 1 : 3) * (regionOfForce(f) === region ? 2 : 1)] as const);
    const n = rng.range(o.importingForcesPerLine);
    const chosen: string[] = [];
    for (let k = 0; k < n * 3 && chosen.length < n; k++) {
      const f = rng.weighted(candidates);
      if (!chosen.includes(f)) chosen.push(f);
    }
    const areas: { force: string; area: string }[] = [];
    for (const f of chosen) {
      for (const a of rng.sample(importAreas(f), rng.chance(0.2) ? 2 : 1)) areas.push({ force: f, area: a.name });
    }
    if (o.forces.includes('BTP') && rng.chance(0.06)) areas.push({ force: 'BTP', area: rng.pick(AREAS.BTP).name });
    return areas;
  }

  return { people, lines, ocgs, addresses, associations: [...assoc.values()] };
}
