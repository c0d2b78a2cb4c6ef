import { z } from 'zod';
import { evidenceSchema } from '../regional/model.js';

// The bodies of the network's paged lists (/controllers, /safeguarding,
// /people, /worklists/direction). The analysis worker encodes a page with
// them and hands back its JSON, which the route sends as it is: a page
// of a thousand people took ~70 ms of the event loop to check and serialise
// there (a hostile trial, issue #12 point 1). The routes declare the same
// schemas, for the OpenAPI document and the console's typed client.

export const windowSchema = z.object({ scope: z.string(), forces: z.array(z.string()), months: z.array(z.string()) });

export const flagsSchema = z.object({ child: z.boolean(), exploited: z.boolean(), vulnerable: z.boolean() }).describe('child: under 18 at the end of the window per DOB; exploited: recorded Exploited = YES; vulnerable: any vulnerability recorded');
const sourceSchema = z.object({ force: z.string(), month: z.string(), ref: z.string() }).describe("a force's Nominal Ref for the person in a month");
/** What every listed person carries so an analyst can find them in their own systems without another call. */
const referencesShape = { pncIds: z.array(z.string()), dob: z.string().nullable(), age: z.number().nullable(), flags: flagsSchema, sources: z.array(sourceSchema) };

const factorSchema = z.object({
  factor: z.string(),
  raw: z.number(),
  detail: z.record(z.string(), z.number()),
  normalised: z.number(),
  weight: z.number(),
  contribution: z.number(),
  evidence: z.array(evidenceSchema),
  evidenceTruncated: z.boolean(),
  text: z.string().describe('the factor in words'),
});
const rankedSchema = z.object({
  personId: z.string(),
  rank: z.number().nullable().describe('place among the controlling minds; null for a child or exploited person (listed only with include=victims)'),
  overallRank: z.number().describe('place by score among everyone, children and exploited people included'),
  score: z.number(),
  names: z.array(z.string()),
  ...referencesShape,
  forces: z.array(z.string()),
  lines: z.array(z.string()),
  handlingConditions: z.array(z.string()),
  factors: z.array(factorSchema),
});
const contactsSchema = z.object({
  personId: z.string(),
  rank: z.number().nullable(),
  overallRank: z.number(),
  policeContacts: z.number(),
  names: z.array(z.string()),
  ...referencesShape,
  structuralRank: z.number().nullable(),
  handlingConditions: z.array(z.string()),
});
const safeguardingSchema = z.object({
  personId: z.string(),
  group: z.enum(['CHILD', 'EXPLOITED', 'VULNERABLE']),
  names: z.array(z.string()),
  ...referencesShape,
  overallRank: z.number().nullable().describe('where the network scoring puts them among everyone'),
  score: z.number().nullable(),
  directs: z.array(z.object({ personId: z.string(), names: z.array(z.string()), relationships: z.array(z.string()), flags: flagsSchema })),
  directsText: z.string(),
  exploited: z.string(),
  vulnerabilities: z.array(z.string()),
  safeguardingReferral: z.string().nullable(),
  nrmReferral: z.string().nullable(),
  forces: z.array(z.string()),
  lines: z.array(z.object({ lineId: z.string(), names: z.array(z.string()) })),
  controllersAbove: z.array(z.object({ personId: z.string(), rank: z.number(), score: z.number(), names: z.array(z.string()), handlingConditions: z.array(z.string()) })),
  handlingConditions: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  evidenceTotal: z.number(),
});

const personListSchema = z.object({
  personId: z.string(),
  names: z.array(z.string()),
  ...referencesShape,
  forces: z.array(z.string()),
  months: z.array(z.string()),
  lines: z.array(z.string()),
  rank: z.number().nullable(),
  overallRank: z.number(),
  handlingConditions: z.array(z.string()),
});

const directionSchema = z.object({
  personId: z.string(),
  names: z.array(z.string()),
  ...referencesShape,
  forces: z.array(z.string()),
  roles: z.array(z.string()),
  lines: z.array(z.object({ lineId: z.string(), names: z.array(z.string()) })),
});

export const listBodies = {
  controllers: z.object({
    window: windowSchema,
    method: z.string(),
    include: z.array(z.string()),
    builtAt: z.date(),
    total: z.number().describe('people in the whole list (all pages)'),
    leftOut: z.number().describe('children and exploited people left out of this list (on /safeguarding)'),
    people: z.array(rankedSchema).optional(),
    contacts: z.array(contactsSchema).optional(),
    nextCursor: z.string().nullable(),
  }),
  safeguarding: z.object({ window: windowSchema, total: z.number(), people: z.array(safeguardingSchema), nextCursor: z.string().nullable() }),
  people: z.object({ window: windowSchema, builtAt: z.date(), total: z.number(), people: z.array(personListSchema), nextCursor: z.string().nullable() }),
  direction: z.object({ window: windowSchema, total: z.number(), people: z.array(directionSchema), nextCursor: z.string().nullable() }),
};
type ListName = keyof typeof listBodies;

/**
 * A page as the JSON its route sends, checked against and cut down to the route's schema, in UTF-8: encoding
 * a page of a thousand people is a scan of megabytes the event loop would otherwise make before sending it.
 */
export function listJson<N extends ListName>(name: N, body: z.input<(typeof listBodies)[N]>): Uint8Array {
  return Buffer.from(JSON.stringify(listBodies[name].encode(body as never)), 'utf8');
}
