import type { ParsedReturn } from '../../src/matrix/model.js';
import { findForce } from '../../src/reference/forces.js';
import { ageAt, monthEnd, monthIndex } from './dates.js';

// An independent, quick check of the MATRIX-V2 *error* rules that can be judged
// on a ParsedReturn. The service's validator is the authority (workbook tests
// run it); this one is fast enough for the national world's 500 returns.

const REF = /^[A-Z0-9-]{2,32}$/;
const PNC = /^\d{2}\/[1-9]\d{0,6}[A-Z]$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
const STRONG = new Set(['1A', '1B', '2A', '2B']);
const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function v2Errors(ret: ParsedReturn): string[] {
  const errors: string[] = [];
  const err = (rule: string, detail: string) => errors.push(`${ret.meta.force} ${ret.meta.month} ${rule}: ${detail}`);
  const { meta } = ret;
  const end = monthEnd(monthIndex(meta.month));
  if (!findForce(meta.force)) err('V2-RETURN-FORCE', meta.force);
  if (meta.guidanceVersion !== 2) err('V2-RETURN-VERSION', String(meta.guidanceVersion));
  if (meta.nilReturn !== (ret.lines.length === 0)) err('V2-RETURN-NIL', `${meta.nilReturn} with ${ret.lines.length} lines`);
  if (!meta.preparedBy.trim()) err('V2-RETURN-PREPARED', 'blank');

  const lineRefs = new Set<string>();
  const numbers = new Set<string>();
  for (const l of ret.lines) {
    const at = `line ${l.ref}`;
    if (!REF.test(l.ref) || lineRefs.has(l.ref)) err('V2-LINE-REF', at);
    lineRefs.add(l.ref);
    if (!l.name || l.name.length > 60) err('V2-LINE-NAME', at);
    if (!l.dealNumbers.length) err('V2-LINE-NUMBER', `${at} none`);
    for (const n of l.dealNumbers) {
      if (numbers.has(n)) err('V2-LINE-NUMBER', `${at} ${n} on two lines`);
      numbers.add(n);
    }
    if (!findForce(l.exportingForce)) err('V2-LINE-EXPFORCE', at);
    if (!l.exportingArea.trim()) err('V2-LINE-EXPAREA', at);
    if (!l.importingAreas.length || l.importingAreas.some((a) => !findForce(a.force) || !a.area.trim())) err('V2-LINE-IMPAREA', at);
    if (!l.importingAreas.some((a) => squash(a.area) !== squash(l.exportingArea))) err('V2-LINE-MOVEMENT', at);
    if (l.exportingForce !== meta.force && !l.importingAreas.some((a) => a.force === meta.force)) err('V2-LINE-TOUCHES', at);
    if (!l.status || !l.investigation || !l.childExploitation || !l.adultExploitation || !l.cuckooing || !l.violence || !l.evidential) err('V2-LINE-REQUIRED', at);
    if (l.status === 'CLOSED' && (!l.closedDate || l.closedDate > end)) err('V2-LINE-CLOSED', at);
    if (!l.firstSeen || !l.lastActivity || l.firstSeen > l.lastActivity || l.lastActivity > end) err('V2-LINE-DATES', `${at} ${l.firstSeen}..${l.lastActivity}`);
    if (l.intelReports === null || l.intelReports < 0) err('V2-LINE-THRESHOLD', `${at} intel reports`);
    if ((l.intelReports ?? 0) >= 1 && !l.bestGrading) err('V2-GRADING', at);
    const meets = l.evidential === 'YES' || (l.intelReports ?? 0) >= 2 || ((l.intelReports ?? 0) >= 1 && STRONG.has(l.bestGrading ?? ''));
    if (!meets) err('V2-LINE-THRESHOLD', at);
    if (l.handlingCode === 'C' && !l.handlingConditions) err('V2-HANDLING', at);
    if ((l.notes?.length ?? 0) > 2000) err('V2-LINE-NOTES', at);
  }

  const people = new Map<string, { surname: string; forenames: string | null; dob: string | null; pnc: string | null }>();
  const onLine = new Set<string>();
  const lineCode = new Map(ret.lines.map((l) => [l.ref, l.handlingCode]));
  for (const n of ret.nominals) {
    const at = `nominal ${n.ref} on ${n.lineRef}`;
    if (!REF.test(n.ref)) err('V2-NOM-REF', at);
    if (!lineRefs.has(n.lineRef)) err('V2-NOM-LINE', at);
    if (!n.surname.trim() || (!n.forenames && !n.streetNames.length)) err('V2-NOM-NAME', at);
    if (n.dob && (n.dob > end || ageAt(n.dob, end) < 8 || ageAt(n.dob, end) > 100)) err('V2-NOM-DOB', `${at} ${n.dob}`);
    if (n.pncId && !PNC.test(n.pncId)) err('V2-NOM-PNC', `${at} ${n.pncId}`);
    if (n.homeForce && !findForce(n.homeForce)) err('V2-NOM-CODE', at);
    if (n.homePostcodeDistrict && !DISTRICT.test(n.homePostcodeDistrict)) err('V2-NOM-POSTCODE', at);
    if (!Number.isInteger(n.policeContacts) || n.policeContacts < 0) err('V2-NOM-CONTACTS', at);
    if (n.handlingCode === 'C' && lineCode.get(n.lineRef) !== 'C' && !n.handlingConditions) err('V2-HANDLING', at);
    const key = `${n.ref}|${n.lineRef}`;
    if (onLine.has(key)) err('V2-NOM-DUPLICATE', at);
    onLine.add(key);
    const seen = people.get(n.ref);
    const same = (a: string | null | undefined, b: string | null | undefined) => !a || !b || squash(a) === squash(b);
    if (seen && !(same(seen.surname, n.surname) && same(seen.forenames, n.forenames) && same(seen.dob, n.dob) && same(seen.pnc, n.pncId))) {
      err('V2-NOM-CONSISTENT', at);
    }
    people.set(n.ref, {
      surname: seen?.surname || n.surname, forenames: seen?.forenames ?? n.forenames, dob: seen?.dob ?? n.dob, pnc: seen?.pnc ?? n.pncId,
    });
  }
  for (const n of ret.nominals) for (const by of n.exploitedBy) if (!people.has(by) || by === n.ref) err('V2-NOM-EXPLOITER', `${n.ref} by ${by}`);
  for (const a of ret.addresses) {
    if (!lineRefs.has(a.lineRef)) err('V2-ADDR-LINE', a.lineRef);
    if (!POSTCODE.test(a.postcode)) err('V2-ADDR-POSTCODE', a.postcode);
    if (a.occupantRef && !people.has(a.occupantRef)) err('V2-ADDR-OCCUPANT', a.occupantRef);
    if (a.firstSeen && a.lastSeen && a.lastSeen < a.firstSeen) err('V2-ADDR-DATES', a.postcode);
  }
  for (const a of ret.associations) {
    if (!people.has(a.fromRef) || !people.has(a.toRef) || a.fromRef === a.toRef) err('V2-ASSOC-REF', `${a.fromRef}→${a.toRef}`);
  }
  return errors;
}
