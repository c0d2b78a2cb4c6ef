import type { Role } from '../../src/matrix/codes.js';
import { dayIn, monthIndex } from './dates.js';
import { createRefBook } from './ids.js';
import { lineNameVariant } from './names.js';
import { AREAS } from './places.js';
import type { Rng } from './random.js';
import type { Structure } from './structure.js';
import type { LineMember, TrueAddress, TrueLine, TruePerson, WorldOptions } from './types.js';
import { HANDLING_CONDITIONS, knowChance, makeView, recordedRole, type ForceHabits, type PersonView } from './views.js';

// What each force knows: which lines it reports and from when, and which people
// it holds on each line under which ref and role. Month-by-month rows are
// produced from this in emit.ts.

export interface Knowledge {
  view: PersonView;
  from: number;
  to: number;
  role: Role;
  /** Before this month the force had the person down as `earlyRole`. */
  roleFrom: number;
  earlyRole: Role;
  contacts: number;
}

export interface LineObs {
  line: TrueLine;
  force: string;
  exporting: boolean;
  ref: string;
  reportFrom: number;
  lastMonth: number;
  closedIdx: number | null;
  gaps: Set<number>;
  dormant: Set<number>;
  /** The line's deal numbers with month indices: `to` is Infinity while in use. */
  numbers: { number: string; from: number; to: number }[];
  firstSeen: string;
  name: string;
  exportingArea: string;
  importingAreas: { force: string; area: string }[];
  drugTypes: string[];
  childExploitation: 'YES' | 'NO' | 'UNKNOWN';
  adultExploitation: 'YES' | 'NO' | 'UNKNOWN';
  cuckooing: 'YES' | 'NO' | 'UNKNOWN';
  violence: 'YES' | 'NO' | 'UNKNOWN';
  weapons: string[];
  handlingCode: 'P' | 'C';
  handlingConditions: string | null;
  ocgUrn: string | null;
  notes: string | null;
  invFrom: number;
  invTo: number;
  intel0: number;
  intelRate: number;
  grading: string;
  evidentialFrom: number;
  numberLag: number;
  listBoth: boolean;
  known: Knowledge[];
  addresses: { address: TrueAddress; from: number; firstSeen: string | null }[];
}

export interface ForceBook {
  force: string;
  habits: ForceHabits;
  analysts: string[];
  email: string | null;
  obs: LineObs[];
  /** Person id → views (the first is the primary ref). */
  views: Map<string, PersonView[]>;
}

const NOTES = [
  'Runners travelling by train; deal line texts sent most mornings.',
  'Line believed to be using a cuckooed address near the town centre.',
  'Intelligence suggests the line swapped handset in the month.',
  'Test purchase completed; subjects not yet identified.',
  'Children reported missing from home are believed to be running for this line.',
  'Bulk text advertising offers seen by partner agencies.',
];
const STRONG = ['1A', '1B', '2A', '2B'];
const GRADINGS = ['1A', '1B', '2A', '2B', '2C', '3B', '3C', '2D', '3D'];
const ANALYSTS = ['DC', 'PC', 'DS', 'Analyst', 'Intel Officer'];

export function buildKnowledge(rng: Rng, o: WorldOptions, s: Structure): Map<string, ForceBook> {
  const w0 = monthIndex(o.months[0]);
  const w1 = monthIndex(o.months[o.months.length - 1]);
  const people = new Map(s.people.map((p) => [p.id, p]));
  const books = new Map<string, ForceBook>();
  const refBooks = new Map<string, ReturnType<typeof createRefBook>>();
  const urns = new Map<string, string | null>();
  for (const force of o.forces) {
    const frng = rng.fork(`force:${force}`);
    refBooks.set(force, createRefBook(frng, force));
    books.set(force, {
      force,
      habits: { upperSurnames: frng.chance(0.35), asciiOnly: frng.chance(0.5) },
      analysts: Array.from({ length: 2 }, () => `${frng.pick(ANALYSTS)} ${frng.int(1000, 9999)}`),
      email: frng.chance(0.7) ? `fib.matrix@${force.toLowerCase()}.police.example` : null,
      obs: [],
      views: new Map(),
    });
  }
  const addressesByLine = new Map<string, TrueAddress[]>();
  for (const a of s.addresses) {
    const list = addressesByLine.get(a.lineId);
    if (list) list.push(a);
    else addressesByLine.set(a.lineId, [a]);
  }

  for (const line of s.lines) {
    const start = monthIndex(line.startMonth);
    const liveFrom = Math.max(start, w0);
    const closedIdx = line.closedMonth ? monthIndex(line.closedMonth) : null;
    const touching = [line.exportingForce, ...line.importingAreas.map((a) => a.force)].filter((f, i, a) => a.indexOf(f) === i && books.has(f));
    const lineObs: LineObs[] = [];
    for (const force of touching) {
      const exporting = force === line.exportingForce;
      if (!rng.chance(exporting ? 0.7 : 0.9)) continue;
      const before = start < w0 && rng.chance(0.6);
      const reportFrom = before ? w0 : liveFrom + rng.weighted([[0, 5], [1, 3], [2, 2]] as const);
      const marksClosed = closedIdx !== null && rng.chance(0.7);
      const lastMonth = closedIdx === null ? w1 : marksClosed ? closedIdx : closedIdx - 1;
      if (reportFrom > lastMonth) continue;
      const book = books.get(force)!;
      const ob = newObs(line, force, exporting, reportFrom, lastMonth, marksClosed ? closedIdx : null, before ? rng.int(start, w0 - 1) : reportFrom);
      for (const m of line.members) knowMember(book, ob, m, people.get(m.personId)!);
      finishObs(ob);
      for (const address of addressesByLine.get(line.id) ?? []) {
        if (address.force !== force || !rng.chance(address.type === 'STASH' ? 0.3 : address.type === 'CUCKOOED' ? 0.7 : 0.5)) continue;
        const from = reportFrom + rng.int(0, 1);
        ob.addresses.push({ address, from, firstSeen: rng.chance(0.7) ? dayIn(rng, Math.min(from, lastMonth)) : null });
      }
      book.obs.push(ob);
      lineObs.push(ob);
    }
    planInvestigations(lineObs);
  }
  return books;

  function newObs(line: TrueLine, force: string, exporting: boolean, reportFrom: number, lastMonth: number, closedIdx: number | null, seenMonth: number): LineObs {
    const ownAreas = line.importingAreas.filter((a) => a.force === force);
    const others = line.importingAreas.filter((a) => a.force !== force && a.force !== 'BTP');
    let importingAreas = [...ownAreas, ...others.filter(() => rng.chance(exporting ? 0.85 : 0.4))];
    if (!importingAreas.length) importingAreas = others.slice(0, 1);
    const hub = AREAS[line.exportingForce].find((a) => a.name === line.exportingArea);
    const urnKey = `${force}|${line.ocgId}`;
    if (!urns.has(urnKey)) urns.set(urnKey, rng.chance(0.3) ? `${force}/OCG/${rng.int(100, 9999)}` : null);
    const evidential = rng.chance(0.45);
    const handlingC = rng.chance(0.06);
    return {
      line, force, exporting, ref: refBooks.get(force)!.line(), reportFrom, lastMonth, closedIdx,
      gaps: new Set([...Array(Math.max(0, lastMonth - reportFrom))].map((_, i) => reportFrom + 1 + i).filter(() => rng.chance(0.03))),
      dormant: new Set(line.dormantMonths.map(monthIndex)),
      numbers: line.dealNumbers.map((d) => ({ number: d.number, from: monthIndex(d.from), to: d.to === null ? Infinity : monthIndex(d.to) })),
      firstSeen: dayIn(rng, seenMonth),
      name: !exporting && rng.chance(o.noise.lineNameVariant) ? lineNameVariant(rng, line.name) : line.name,
      exportingArea: hub?.aliases.length && rng.chance(o.noise.exportAreaAlias) ? rng.pick(hub.aliases) : line.exportingArea,
      importingAreas,
      drugTypes: rng.chance(0.2) ? [] : line.drugTypes.filter((d, i) => i === 0 || rng.chance(0.8)),
      childExploitation: 'UNKNOWN', adultExploitation: 'UNKNOWN', cuckooing: 'UNKNOWN',
      violence: line.violence ? (rng.chance(0.7) ? 'YES' : 'UNKNOWN') : rng.chance(0.6) ? 'NO' : 'UNKNOWN',
      weapons: [],
      handlingCode: handlingC ? 'C' : 'P',
      handlingConditions: handlingC ? rng.pick(HANDLING_CONDITIONS) : null,
      ocgUrn: urns.get(urnKey)!,
      notes: rng.chance(0.25) ? rng.pick(NOTES) : null,
      invFrom: Infinity, invTo: -Infinity,
      intel0: rng.weighted([[0, 1], [1, 3], [2, 3], [3, 2], [5, 1]] as const),
      intelRate: rng.float(0, 1.5),
      grading: rng.pick(GRADINGS),
      evidentialFrom: evidential ? reportFrom + rng.int(0, 2) : Infinity,
      numberLag: exporting ? 0 : rng.chance(0.4) ? 1 : 0,
      listBoth: rng.chance(0.4),
      known: [],
      addresses: [],
    };
  }

  function knowMember(book: ForceBook, ob: LineObs, m: LineMember, p: TruePerson): void {
    const local = ob.exporting ? m.force === null : m.force === book.force;
    const travelling = !ob.exporting && m.role === 'RUNNER' && m.force === null;
    if (!rng.chance(Math.min(0.97, knowChance(m.role, ob.exporting, local, travelling) * o.visibility))) return;
    // Someone who joins during the window takes the force a while to identify.
    const from = Math.max(m.from, ob.reportFrom) + (m.from >= w0 ? rng.weighted([[0, 6], [1, 2.5], [2, 1.5]] as const) : 0);
    const to = Math.min(m.to, ob.lastMonth);
    if (from > to) return;
    const views = book.views.get(p.id) ?? [];
    let view = views[0];
    if (!view || rng.chance(o.noise.duplicateRef)) {
      const dealPhone = m.role === 'LINE_HOLDER' && rng.chance(0.2) ? ob.line.dealNumbers[0].number : null;
      view = makeView(rng, refBooks.get(book.force)!.nominal(), p, from, w0, o.noise, book.habits, dealPhone);
      views.push(view);
      book.views.set(p.id, views);
    } else if (from < view.firstFrom) {
      // Lines are visited in no time order: keep "DOB learned k months after first contact" true.
      const shift = view.firstFrom - from;
      view.firstFrom = from;
      view.dobFrom -= shift;
      view.pncFrom -= shift;
    }
    const role = recordedRole(rng, m.role, ob.exporting, o.recordRoles);
    const provisional = role !== 'ASSOCIATE' && role !== 'UNKNOWN' && rng.chance(0.15);
    const street = p.tier === 'street';
    ob.known.push({
      view, from, to, role,
      roleFrom: provisional ? from + rng.int(1, 2) : from,
      earlyRole: provisional ? (rng.chance(0.5) ? 'ASSOCIATE' : 'UNKNOWN') : role,
      contacts: street && (local || travelling) && !ob.exporting ? rng.float(1, 4) : street ? rng.float(0, 1.2) : rng.float(0, 0.3),
    });
  }

  function finishObs(ob: LineObs): void {
    const knownPeople = ob.known.map((k) => k.view.person);
    const truthChild = ob.line.members.some((m) => people.get(m.personId)!.child);
    const truthAdult = ob.line.members.some((m) => { const p = people.get(m.personId)!; return p.exploited && !p.child; });
    const cuckooed = ob.line.members.some((m) => m.role === 'CUCKOOED_OCCUPANT');
    const judge = (knows: boolean, truth: boolean) =>
      knows ? 'YES' : truth ? (rng.chance(0.4) ? 'YES' : 'UNKNOWN') : rng.chance(0.6) ? 'NO' : 'UNKNOWN';
    ob.childExploitation = judge(knownPeople.some((p) => p.child), truthChild);
    ob.adultExploitation = judge(knownPeople.some((p) => p.exploited && !p.child), truthAdult);
    ob.cuckooing = judge(knownPeople.some((p) => p.role === 'CUCKOOED_OCCUPANT'), cuckooed);
    ob.weapons = ob.violence === 'YES' ? ob.line.weapons : rng.chance(0.3) ? ['NONE'] : [];
  }

  /** Investigations: some lines are worked by two or more forces at once (deconfliction cases). */
  function planInvestigations(obs: LineObs[]): void {
    if (obs.length >= 2 && rng.chance(0.2)) {
      const a = Math.max(...obs.map((x) => x.reportFrom));
      const b = Math.min(...obs.map((x) => x.lastMonth));
      if (a <= b) {
        const from = rng.int(a, b);
        for (const x of obs) [x.invFrom, x.invTo] = [from, rng.int(from, b)];
        return;
      }
    }
    for (const x of obs) {
      if (!rng.chance(0.2)) continue;
      x.invFrom = rng.int(x.reportFrom, x.lastMonth);
      x.invTo = rng.int(x.invFrom, x.lastMonth);
      if (x.evidentialFrom === Infinity && rng.chance(0.6)) x.evidentialFrom = x.invFrom;
    }
  }
}
