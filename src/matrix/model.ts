import { z } from 'zod';
import { CODES } from './codes.js';

// The return as the service keeps it once it has passed validation: every
// value normalised (refs upper case, phones E.164, dates ISO, codes canonical).
// `row` is the 1-based spreadsheet row the value came from, for provenance.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const e164 = z.string().regex(/^\+447\d{9}$/);
const grading = z.string().regex(/^[1-3][A-D]$/);
const yn = z.enum(CODES.yesNo);
const ynu = z.enum(CODES.yesNoUnknown);
const handling = z.enum(CODES.handling);

export const importingAreaSchema = z.object({ force: z.string(), area: z.string() });

export const lineSchema = z.object({
  row: z.number().int(),
  ref: z.string(),
  name: z.string(),
  dealNumbers: z.array(e164),
  exportingForce: z.string(),
  exportingArea: z.string(),
  importingAreas: z.array(importingAreaSchema),
  status: z.enum(CODES.lineStatus).nullable(),
  investigation: z.enum(CODES.investigation).nullable(),
  closedDate: isoDate.nullable(),
  firstSeen: isoDate.nullable(),
  lastActivity: isoDate.nullable(),
  drugTypes: z.array(z.enum(CODES.drugs)),
  childExploitation: ynu.nullable(),
  adultExploitation: ynu.nullable(),
  cuckooing: ynu.nullable(),
  violence: ynu.nullable(),
  weapons: z.array(z.enum(CODES.weapons)),
  intelReports: z.number().int().nullable(),
  bestGrading: grading.nullable(),
  evidential: yn.nullable(),
  handlingCode: handling,
  handlingConditions: z.string().nullable(),
  ocgUrn: z.string().nullable(),
  notes: z.string().nullable(),
});

export const nominalSchema = z.object({
  row: z.number().int(),
  ref: z.string(),
  lineRef: z.string(),
  role: z.enum(CODES.role),
  surname: z.string(),
  forenames: z.string().nullable(),
  streetNames: z.array(z.string()),
  dob: isoDate.nullable(),
  gender: z.enum(CODES.gender).nullable(),
  /** Normalised `YY/NNNNNNNL`: serial without leading zeros, letter upper case. */
  pncId: z.string().nullable(),
  homeForce: z.string().nullable(),
  homePostcodeDistrict: z.string().nullable(),
  vulnerabilities: z.array(z.enum(CODES.vulnerability)),
  exploited: ynu,
  exploitedBy: z.array(z.string()),
  safeguardingReferral: yn.nullable(),
  nrmReferral: yn.nullable(),
  policeContacts: z.number().int(),
  arrested: yn.nullable(),
  phoneNumbers: z.array(e164),
  bestGrading: grading.nullable(),
  /** The row's own code, or the line's when the row leaves it blank (§5). */
  handlingCode: handling,
  handlingConditions: z.string().nullable(),
});

export const addressSchema = z.object({
  row: z.number().int(),
  lineRef: z.string(),
  postcode: z.string(),
  type: z.enum(CODES.addressType),
  occupantRef: z.string().nullable(),
  firstSeen: isoDate.nullable(),
  lastSeen: isoDate.nullable(),
});

export const associationSchema = z.object({
  row: z.number().int(),
  fromRef: z.string(),
  toRef: z.string(),
  relationship: z.enum(CODES.relationship),
  bestGrading: grading.nullable(),
});

export const returnMetaSchema = z.object({
  force: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  guidanceVersion: z.number().int(),
  nilReturn: z.boolean(),
  preparedBy: z.string(),
  contactEmail: z.string().nullable(),
});

export const parsedReturnSchema = z.object({
  meta: returnMetaSchema,
  lines: z.array(lineSchema),
  nominals: z.array(nominalSchema),
  addresses: z.array(addressSchema),
  associations: z.array(associationSchema),
});

export type Line = z.infer<typeof lineSchema>;
export type Nominal = z.infer<typeof nominalSchema>;
export type Address = z.infer<typeof addressSchema>;
export type Association = z.infer<typeof associationSchema>;
export type ReturnMeta = z.infer<typeof returnMetaSchema>;
export type ParsedReturn = z.infer<typeof parsedReturnSchema>;
