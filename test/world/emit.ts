import type { Address, Association, Line, Nominal, ParsedReturn } from '../../src/matrix/model.js';
import { dayIn, maxIso, minIso, monthIndex } from './dates.js';
import type { ForceBook, LineObs } from './observe.js';
import type { PersonView } from './views.js';
import type { Rng } from './random.js';
import type { Structure } from './structure.js';
import type { Deconfliction, TrueAssociation, WorldOptions } from './types.js';

// One ParsedReturn per force per month from what each force knows. Every value
// is already normalised as model.ts describes, and every return is free of v2
// errors: lines meet V2-LINE-THRESHOLD, refs are unique, every Exploited By,
// occupant and association ref is a Nominal Ref of the same return.

export interface Emitted {
  returns: ParsedReturn[];
  personOfRecord: Map<string, string>;
  lineOfRecord: Map<string, string>;
  ocgOfRecord: Map<string, string>;
  deconflictions: Deconfliction[];
  missingReturns: { force: string; month: string }[];
}

const STRONG = new Set(['1A', '1B', '2A', '2B']);

export function emitReturns(rng: Rng, o: WorldOptions, s: Structure, books: Map<string, ForceBook>): Emitted {
  const out: Emitted = {
    returns: [], personOfRecord: new Map(), lineOfRecord: new Map(), ocgOfRecord: new Map(), deconflictions: [], missingReturns: [],
  };
  const deconflict = new Map<string, Set<string>>();
  const byFrom = new Map<string, TrueAssociation[]>();
  for (const a of s.associations) {
    const list = byFrom.get(a.fromId);
    if (list) list.push(a);
    else byFrom.set(a.fromId, [a]);
  }
  const knownAssociations = new Map<string, TrueAssociation[]>();
  /** The associations a force knows: both people on its books, and 40% of those. */
  const associationsOf = (book: ForceBook) => {
    let list = knownAssociations.get(book.force);
    if (!list) {
      list = [];
      for (const id of book.views.keys()) for (const a of byFrom.get(id) ?? []) if (book.views.has(a.toId) && rng.chance(0.4)) list.push(a);
      knownAssociations.set(book.force, list);
    }
    return list;
  };
  const byMonth = new Map<string, Map<number, LineObs[]>>();
  /** A force's lines reported in month m, in the order the force first reported them. */
  const reportedIn = (book: ForceBook, m: number) => {
    let months = byMonth.get(book.force);
    if (!months) {
      months = new Map(o.months.map((mo) => [monthIndex(mo), []]));
      for (const ob of book.obs) {
        for (let k = ob.reportFrom; k <= ob.lastMonth; k++) if (!ob.gaps.has(k)) months.get(k)?.push(ob);
      }
      byMonth.set(book.force, months);
    }
    return months.get(m) ?? [];
  };
  const recordedLines = new Set<LineObs>();
  const recordedRefs = new Set<string>();
  // Forces that reissue nominal refs monthly (noise `refsReissued`, drawn per force on its own fork so
  // worlds without it are unchanged): each month a person gets a fresh ref, unique in the force.
  const reissuing = new Set(o.forces.filter((f) => rng.fork(`reissue:${f}`).chance(o.noise.refsReissued)));

  for (const month of o.months) {
    const m = monthIndex(month);
    for (const force of o.forces) {
      const book = books.get(force)!;
      const r = rng.fork(`emit:${force}:${month}`);
      if (r.chance(o.noise.missingReturn)) {
        out.missingReturns.push({ force, month });
        continue;
      }
      const reported = reportedIn(book, m);
      const nil = reported.length === 0 || r.chance(o.noise.nilReturn);
      const ret: ParsedReturn = {
        meta: { force, month, guidanceVersion: 2, nilReturn: nil, preparedBy: r.pick(book.analysts), contactEmail: book.email },
        lines: [], nominals: [], addresses: [], associations: [],
      };
      out.returns.push(ret);
      if (nil) continue;
      const rowViews: PersonView[] = [];
      const monthRefs = new Map<PersonView, string>();
      const refOf = (v: PersonView) => {
        if (!reissuing.has(force)) return v.ref;
        let ref = monthRefs.get(v);
        if (!ref) monthRefs.set(v, (ref = `${force}${month.replace('-', '')}-${String(monthRefs.size + 1).padStart(4, '0')}`));
        return ref;
      };
      for (const ob of reported) {
        const line = lineRow(r, ob, m, ret.lines.length + 2);
        ret.lines.push(line);
        if (!recordedLines.has(ob)) {
          recordedLines.add(ob);
          out.lineOfRecord.set(`${force}|${ob.ref}`, ob.line.id);
          if (ob.ocgUrn) out.ocgOfRecord.set(`${force}|${ob.ocgUrn}`, ob.line.ocgId);
        }
        if (line.investigation === 'ACTIVE_INVESTIGATION') note(`line|${ob.line.id}|${month}`, force);
        for (const k of ob.known) {
          if (m < k.from || m > k.to || r.chance(o.noise.rowDrop)) continue;
          const v = k.view;
          const street = v.person.tier === 'street';
          ret.nominals.push({
            row: ret.nominals.length + 2,
            ref: refOf(v), lineRef: ob.ref, role: m < k.roleFrom ? k.earlyRole : k.role,
            surname: v.surname, forenames: v.forenames, streetNames: v.streetNames.slice(),
            dob: m >= v.dobFrom ? v.dob : null, gender: v.gender,
            pncId: m >= v.pncFrom ? v.pncId : null,
            homeForce: v.homeForce, homePostcodeDistrict: v.homePostcodeDistrict,
            vulnerabilities: v.vulnerabilities.slice() as Nominal['vulnerabilities'], exploited: v.exploited, exploitedBy: [],
            safeguardingReferral: v.safeguardingReferral, nrmReferral: v.nrmReferral,
            policeContacts: Math.max(0, Math.round(r.normal(k.contacts, k.contacts / 2))),
            arrested: r.chance(0.5) ? null : r.chance(street ? 0.12 : 0.03) ? 'YES' : 'NO',
            phoneNumbers: v.phones.slice(),
            bestGrading: r.chance(0.35) ? r.pick(['1A', '1B', '2A', '2B', '2C', '3C']) : null,
            // §5: a row without its own code takes the line's, and with it the line's conditions.
            handlingCode: v.handlingConditions ? 'C' : ob.handlingCode,
            handlingConditions: v.handlingConditions ?? ob.handlingConditions,
          });
          rowViews.push(v);
          const recordKey = `${force}|${refOf(v)}`;
          if (!recordedRefs.has(recordKey)) {
            recordedRefs.add(recordKey);
            out.personOfRecord.set(recordKey, v.person.id);
          }
          if (line.investigation === 'ACTIVE_INVESTIGATION') note(`person|${v.person.id}|${month}`, force);
        }
      }
      const present = new Set(ret.nominals.map((n) => n.ref));
      const primary = (personId: string) => {
        const view = book.views.get(personId)?.[0];
        const ref = view && refOf(view);
        return ref && present.has(ref) ? ref : null;
      };
      linkExploiters(r, ret.nominals, rowViews, primary);
      ret.addresses = addressRows(r, reported, m, primary);
      ret.associations = associationRows(r, associationsOf(book), primary);
    }
  }
  for (const [key, forces] of deconflict) {
    if (forces.size < 2) continue;
    const [kind, id, month] = key.split('|');
    out.deconflictions.push({ kind: kind as 'line' | 'person', id, month, forces: [...forces] });
  }
  return out;

  function note(key: string, force: string) {
    const set = deconflict.get(key) ?? new Set<string>();
    set.add(force);
    deconflict.set(key, set);
  }
}

function lineRow(r: Rng, ob: LineObs, m: number, row: number): Line {
  const status = ob.closedIdx === m ? 'CLOSED' : ob.dormant.has(m) ? 'DORMANT' : 'ACTIVE';
  let closedDate: string | null = null;
  let lastActivity: string;
  if (status === 'CLOSED') {
    closedDate = maxIso(ob.firstSeen, dayIn(r, m));
    lastActivity = minIso(closedDate, maxIso(ob.firstSeen, dayIn(r, m)));
  } else if (status === 'DORMANT') {
    lastActivity = maxIso(ob.firstSeen, dayIn(r, m - r.int(1, 2)));
  } else {
    lastActivity = maxIso(ob.firstSeen, dayIn(r, m));
  }
  let intelReports = Math.floor(ob.intel0 + (m - ob.reportFrom) * ob.intelRate);
  const evidential = m >= ob.evidentialFrom ? 'YES' : 'NO';
  let grading: string | null = ob.grading;
  if (evidential === 'NO' && intelReports === 0) intelReports = 2;
  if (evidential === 'NO' && intelReports === 1 && !STRONG.has(grading)) intelReports = 2;
  if (intelReports === 0) grading = null;
  return {
    row, ref: ob.ref, name: ob.name, dealNumbers: dealNumbers(ob, m),
    exportingForce: ob.line.exportingForce, exportingArea: ob.exportingArea, importingAreas: ob.importingAreas.map((a) => ({ ...a })),
    status, investigation: ob.invFrom <= m && m <= ob.invTo ? 'ACTIVE_INVESTIGATION' : 'INTEL_ONLY',
    closedDate, firstSeen: ob.firstSeen, lastActivity,
    drugTypes: ob.drugTypes.slice() as Line['drugTypes'],
    childExploitation: ob.childExploitation, adultExploitation: ob.adultExploitation, cuckooing: ob.cuckooing, violence: ob.violence,
    weapons: ob.weapons.slice() as Line['weapons'],
    intelReports, bestGrading: grading, evidential,
    handlingCode: ob.handlingCode, handlingConditions: ob.handlingConditions, ocgUrn: ob.ocgUrn, notes: ob.notes,
  };
}

/** The deal numbers a force lists: it learns a swapped-in number `numberLag` months late, and may list both for a while. */
function dealNumbers(ob: LineObs, m: number): string[] {
  const inUse = (at: number) => ob.numbers.filter((d) => d.from <= at && at <= d.to).map((d) => d.number);
  if (ob.numbers.length === 1) return [ob.numbers[0].number];
  let numbers = inUse(m - ob.numberLag);
  if (!numbers.length) numbers = inUse(m);
  for (const d of ob.numbers.slice(1)) {
    if (ob.listBoth && m >= d.from && m <= d.from + 1) numbers = [...new Set([...numbers, ...inUse(d.from - 1), d.number])];
  }
  return numbers;
}

function linkExploiters(r: Rng, nominals: Nominal[], views: PersonView[], primary: (id: string) => string | null): void {
  nominals.forEach((n, i) => {
    if (n.exploited !== 'YES') return;
    for (const by of views[i].person.exploitedBy) {
      const ref = primary(by);
      if (ref && ref !== n.ref && r.chance(0.75)) n.exploitedBy.push(ref);
    }
  });
}

function addressRows(r: Rng, reported: LineObs[], m: number, primary: (id: string) => string | null): Address[] {
  const rows: Address[] = [];
  for (const ob of reported) {
    for (const a of ob.addresses) {
      if (a.from > m) continue;
      const lastSeen = r.chance(0.6) ? maxIso(a.firstSeen ?? '', dayIn(r, m)) : null;
      rows.push({
        row: rows.length + 2, lineRef: ob.ref, postcode: a.address.postcode, type: a.address.type,
        occupantRef: a.address.occupantId ? primary(a.address.occupantId) : null, firstSeen: a.firstSeen, lastSeen,
      });
    }
  }
  return rows;
}

function associationRows(r: Rng, known: TrueAssociation[], primary: (id: string) => string | null): Association[] {
  const rows: Association[] = [];
  const seen = new Set<string>();
  for (const a of known) {
    const from = primary(a.fromId);
    const to = primary(a.toId);
    const key = `${from}|${to}|${a.relationship}`;
    if (!from || !to || from === to || seen.has(key)) continue;
    seen.add(key);
    rows.push({ row: rows.length + 2, fromRef: from, toRef: to, relationship: a.relationship, bestGrading: r.chance(0.3) ? r.pick(['1B', '2B', '2C', '3C']) : null });
  }
  return rows;
}
