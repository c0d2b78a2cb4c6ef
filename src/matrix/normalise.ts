// The parsed return (model.ts) from a context that passed validation: every
// required value is present, so the non-null assertions below hold. Columns a
// v1 return may leave out get the defaults recorded in docs/guidance.md.
import type { Ctx } from './context.js';
import type { Address, Association, Line, Nominal, ParsedReturn } from './model.js';

export function toParsedReturn(ctx: Ctx, guidanceVersion: number): ParsedReturn {
  const meta = ctx.sheets.return.recs[0].v;
  const lines = ctx.sheets.lines.recs.map(({ row, v }): Line => ({
    row,
    ref: v.ref!,
    name: v.name!,
    dealNumbers: v.dealNumbers!,
    exportingForce: v.exportingForce!,
    exportingArea: v.exportingArea ?? '',
    importingAreas: v.importingAreas!,
    status: v.status,
    investigation: v.investigation,
    closedDate: v.closedDate,
    firstSeen: v.firstSeen,
    lastActivity: v.lastActivity,
    drugTypes: v.drugTypes ?? [],
    childExploitation: v.childExploitation,
    adultExploitation: v.adultExploitation,
    cuckooing: v.cuckooing,
    violence: v.violence,
    weapons: v.weapons ?? [],
    intelReports: v.intelReports,
    bestGrading: v.bestGrading,
    evidential: v.evidential,
    handlingCode: v.handlingCode ?? 'P',
    handlingConditions: v.handlingConditions,
    ocgUrn: v.ocgUrn,
    notes: v.notes,
  }));
  const lineByRef = new Map(lines.map((l) => [l.ref, l]));
  const nominals = ctx.sheets.nominals.recs.map(({ row, v }): Nominal => {
    const line = lineByRef.get(v.lineRef!);
    // §5: a blank handling code takes the line's, and with it the line's conditions.
    const handlingCode = v.handlingCode ?? line?.handlingCode ?? 'P';
    return {
      row,
      ref: v.ref!,
      lineRef: v.lineRef!,
      role: v.role!,
      surname: v.surname!,
      forenames: v.forenames,
      streetNames: v.streetNames ?? [],
      dob: v.dob,
      gender: v.gender,
      pncId: v.pncId?.normalised ?? null,
      homeForce: v.homeForce,
      homePostcodeDistrict: v.homePostcodeDistrict,
      vulnerabilities: v.vulnerabilities ?? [],
      exploited: v.exploited ?? 'UNKNOWN',
      exploitedBy: v.exploitedBy ?? [],
      safeguardingReferral: v.safeguardingReferral,
      nrmReferral: v.nrmReferral,
      policeContacts: v.policeContacts!,
      arrested: v.arrested,
      phoneNumbers: v.phoneNumbers ?? [],
      bestGrading: v.bestGrading,
      handlingCode,
      handlingConditions: v.handlingConditions ?? (handlingCode === 'C' ? (line?.handlingConditions ?? null) : null),
    };
  });
  const addresses = ctx.sheets.addresses.recs.map(({ row, v }): Address => ({
    row,
    lineRef: v.lineRef!,
    postcode: v.postcode!,
    type: v.type!,
    occupantRef: v.occupantRef,
    firstSeen: v.firstSeen,
    lastSeen: v.lastSeen,
  }));
  const associations = ctx.sheets.associations.recs.map(({ row, v }): Association => ({
    row,
    fromRef: v.fromRef!,
    toRef: v.toRef!,
    relationship: v.relationship!,
    bestGrading: v.bestGrading,
  }));
  return {
    meta: {
      force: meta.force!,
      month: meta.month!,
      guidanceVersion,
      nilReturn: meta.nilReturn === 'YES',
      preparedBy: meta.preparedBy!,
      contactEmail: meta.contactEmail,
    },
    lines,
    nominals,
    addresses,
    associations,
  };
}
