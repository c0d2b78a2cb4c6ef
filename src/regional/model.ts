import { z } from 'zod';
import { CODES } from '../matrix/codes.js';
import type { Line, Nominal, ParsedReturn } from '../matrix/model.js';
import type { NewId } from './ids.js';

// Contracts of the regional merge. Everything the API serves as JSON has a
// zod schema here; the merge's inputs are plain types because they come from
// the service's own storage, already validated.

/** A row of a force's return that supplied a value (same shape as the graph's Evidence). */
export const evidenceSchema = z.object({
  force: z.string(),
  month: z.string(),
  sheet: z.string(),
  row: z.number().int(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** One distinct value of a merged entity and every row that supplied it. Lists are ordered by support: the first is canonical. */
export const sourcedValueSchema = z.object({ value: z.string(), sources: z.array(evidenceSchema) });
export type SourcedValue = z.infer<typeof sourcedValueSchema>;

/** One comparison's outcome for a pair (Fellegi–Sunter: its level and match weight log2(m/u)). */
export const comparisonEvidenceSchema = z.object({
  comparison: z.string(),
  level: z.string(),
  weight: z.number(),
  detail: z.string(),
});
export type ComparisonEvidence = z.infer<typeof comparisonEvidenceSchema>;

/** WINDOW: one person in the resolution of the month with the months before it (month-merge.ts), which sees records that link them. */
export const mergeBasisSchema = z.enum(['PNC', 'SCORE', 'DECISION', 'DEAL_NUMBER', 'LINE_SWAP', 'WINDOW']);

/**
 * Why two records were joined. `weight` is the total match weight (null for certain and analyst joins).
 * As the API serves it, each comparison also has `text` and the edge a `summary`, in words (evidence-words.ts).
 */
export const mergeEdgeSchema = z.object({
  a: z.string(),
  b: z.string(),
  basis: mergeBasisSchema,
  weight: z.number().nullable(),
  probability: z.number(),
  explanation: z.string(),
  summary: z.string().optional().describe('why they were joined, in words: the comparisons most telling first'),
  evidence: z.array(comparisonEvidenceSchema.extend({ text: z.string().optional().describe('the comparison in words') })),
});
export type MergeEdge = z.infer<typeof mergeEdgeSchema>;

export const memberRecordSchema = z.object({ key: z.string(), force: z.string(), ref: z.string(), months: z.array(z.string()) });
export type MemberRecord = z.infer<typeof memberRecordSchema>;

export const enrichmentKindSchema = z.enum(['note', 'ocg', 'association']);

/** A ROCU analyst's addition, stored by the service and consumed by the merge. Ids are merged ids. */
export const enrichmentSchema = z.object({
  kind: enrichmentKindSchema,
  personId: z.string().optional(),
  lineId: z.string().optional(),
  targetPersonId: z.string().optional(),
  relationship: z.enum(CODES.relationship).optional(),
  text: z.string().optional(),
  ocgUrn: z.string().optional(),
  author: z.string(),
  createdAt: z.string(),
});
export type Enrichment = z.infer<typeof enrichmentSchema>;

export const rocuNoteSchema = z.object({ text: z.string(), author: z.string(), createdAt: z.string() });
/** An OCG mapping reference from a force's line row or a ROCU enrichment. */
export const ocgUrnSchema = z.object({
  urn: z.string(),
  source: z.enum(['FORCE', 'ROCU']),
  sources: z.array(evidenceSchema),
  author: z.string().nullable(),
});

export const mergedPersonSchema = z.object({
  id: z.string(),
  records: z.array(memberRecordSchema),
  forces: z.array(z.string()),
  months: z.array(z.string()),
  surnames: z.array(sourcedValueSchema),
  forenames: z.array(sourcedValueSchema),
  dobs: z.array(sourcedValueSchema),
  pncIds: z.array(sourcedValueSchema),
  streetNames: z.array(sourcedValueSchema),
  phones: z.array(sourcedValueSchema),
  postcodeDistricts: z.array(sourcedValueSchema),
  genders: z.array(sourcedValueSchema),
  homeForces: z.array(sourcedValueSchema),
  vulnerabilities: z.array(sourcedValueSchema),
  exploited: z.enum(CODES.yesNoUnknown),
  handlingConditions: z.array(z.string()),
  /** 1 for a single record or certain/analyst joins; otherwise the least pair probability on the merge tree. */
  confidence: z.number(),
  edges: z.array(mergeEdgeSchema),
  notes: z.array(rocuNoteSchema),
  ocgUrns: z.array(ocgUrnSchema),
});
export type MergedPerson = z.infer<typeof mergedPersonSchema>;

export const investigationEntrySchema = z.object({
  force: z.string(),
  ref: z.string(),
  month: z.string(),
  status: z.enum(CODES.investigation).nullable(),
});

export const mergedLineSchema = z.object({
  id: z.string(),
  records: z.array(memberRecordSchema),
  forces: z.array(z.string()),
  months: z.array(z.string()),
  names: z.array(sourcedValueSchema),
  dealNumbers: z.array(sourcedValueSchema),
  exportingForces: z.array(sourcedValueSchema),
  exportingAreas: z.array(sourcedValueSchema),
  /** `FORCE:Area` values. */
  importingAreas: z.array(sourcedValueSchema),
  statuses: z.array(sourcedValueSchema),
  investigations: z.array(investigationEntrySchema),
  childExploitation: z.boolean(),
  adultExploitation: z.boolean(),
  cuckooing: z.boolean(),
  handlingConditions: z.array(z.string()),
  confidence: z.number(),
  edges: z.array(mergeEdgeSchema),
  notes: z.array(rocuNoteSchema),
  ocgUrns: z.array(ocgUrnSchema),
});
export type MergedLine = z.infer<typeof mergedLineSchema>;

/** One side of a review pair: the record's values, side by side with the other's. */
export const recordSummarySchema = z.object({
  key: z.string(),
  force: z.string(),
  ref: z.string(),
  months: z.array(z.string()),
  /** The id of the merged entity the record currently belongs to. */
  mergedId: z.string(),
  fields: z.record(z.string(), z.array(z.string())),
});

export const reviewPairSchema = z.object({
  /** `${a.key}||${b.key}` with the two record keys sorted: the key a decision refers to. */
  key: z.string(),
  kind: z.enum(['person', 'line']),
  a: recordSummarySchema,
  b: recordSummarySchema,
  weight: z.number(),
  probability: z.number(),
  evidence: z.array(comparisonEvidenceSchema),
  /**
   * Why the pair is queued: its score is between the thresholds; or it scored high but a constraint
   * kept it apart; or it scored high on the name alone, with nothing else to bear it out (namesakes).
   */
  reason: z.enum(['BETWEEN_THRESHOLDS', 'BLOCKED_BY_CONSTRAINT', 'NAME_ONLY']),
});
export type ReviewPair = z.infer<typeof reviewPairSchema>;

export const deconflictionAlertSchema = z.object({
  key: z.string(),
  kind: z.enum(['person', 'line']),
  entityId: z.string(),
  label: z.string(),
  forces: z.array(
    z.object({ force: z.string(), refs: z.array(z.string()), lineRefs: z.array(z.string()), months: z.array(z.string()) }),
  ),
  /** Forces outside the merged region investigating the same line or person: named, nothing else revealed. */
  outsideRegion: z.array(z.string()).optional(),
  message: z.string(),
});
export type DeconflictionAlert = z.infer<typeof deconflictionAlertSchema>;

export const mergedLinkSchema = z.object({
  personId: z.string(),
  lineId: z.string(),
  role: z.enum(CODES.role),
  month: z.string(),
  force: z.string(),
  nominalRef: z.string(),
  lineRef: z.string(),
  grading: z.string().nullable(),
  policeContacts: z.number().int(),
  evidence: evidenceSchema,
});
export type MergedLink = z.infer<typeof mergedLinkSchema>;

export const thresholdsSchema = z.object({
  /** Match weight (bits, prior included) at or above which a pair is merged. */
  upper: z.number(),
  /** Match weight below which a pair is left apart; in between it is queued for review. */
  lower: z.number(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export interface Decision {
  aKey: string;
  bKey: string;
  decision: 'same' | 'different';
  /** Person and line record keys share a format (`FORCE|REF`); say which a decision is about. Absent: both. */
  kind?: 'person' | 'line';
}

export interface ReturnInput {
  returnId: string;
  force: string;
  month: string;
  parsed: ParsedReturn;
}

export interface MergeInput {
  scope: string;
  months: string[];
  returns: ReturnInput[];
  decisions: Decision[];
  priorPersonIds: Map<string, string>;
  priorLineIds: Map<string, string>;
  enrichments?: Enrichment[];
  thresholds: Thresholds;
  /** Thresholds for line pairs scored on brand/areas/people; defaults to DEFAULT_LINE_THRESHOLDS. */
  lineThresholds?: Thresholds;
  newId?: NewId;
  /** Called once resolution and the entities are done, when what they built and dropped can go (merge-task.ts collects it there). */
  afterEntities?: () => void;
  /**
   * People, lines and links only, as a window's analysis reads them (graph/analysis.ts): the review
   * queue, the deconfliction alerts and the source rows, which only a stored merge keeps, are left empty.
   */
  entitiesOnly?: boolean;
  /**
   * People the resolution of a wider window of months holds as one (month-merge.ts): each group's
   * records are joined here too, once this merge's own evidence is taken, as far as the constraints allow.
   */
  joinedInWindow?: WindowJoins;
}

export interface WindowJoins {
  months: string[];
  /** Record keys of one window person each, with the window person's confidence. */
  groups: { keys: string[]; confidence: number }[];
}

/** A source row kept with the merged ids it resolved to, for the regional export. */
export interface SourceLineRow {
  returnId: string;
  force: string;
  month: string;
  line: Line;
  lineId: string;
}
export interface SourceNominalRow {
  returnId: string;
  force: string;
  month: string;
  nominal: Nominal;
  personId: string;
  lineId: string;
}

export const mergeStatsSchema = z.object({
  returns: z.number().int(),
  rows: z.object({ lines: z.number().int(), nominals: z.number().int() }),
  records: z.object({ people: z.number().int(), lines: z.number().int() }),
  pairsCompared: z.object({ people: z.number().int(), lines: z.number().int() }),
  /** Merge edges accepted (pairs joined directly, not counting transitive pairs). */
  merged: z.object({ people: z.number().int(), lines: z.number().int() }),
  review: z.object({ people: z.number().int(), lines: z.number().int() }),
  blockedByConstraint: z.number().int(),
  decisionsApplied: z.number().int(),
  /** 'same' decisions not honoured because a 'different' decision forbids the join. */
  decisionConflicts: z.number().int(),
  entities: z.object({ people: z.number().int(), lines: z.number().int() }),
  /** Blocking buckets larger than the cap, skipped (their pairs may still meet through other rules). */
  oversizedBlocks: z.number().int(),
  /** The people model's prior match weight, estimated from the records (people.ts). */
  priorWeight: z.number(),
  /** ROCU enrichments whose person or line id no longer exists (e.g. after a split). */
  enrichmentsUnmatched: z.number().int(),
});
export type MergeStats = z.infer<typeof mergeStatsSchema>;

export interface MergeResult {
  scope: string;
  months: string[];
  people: MergedPerson[];
  lines: MergedLine[];
  links: MergedLink[];
  reviewPairs: ReviewPair[];
  alerts: DeconflictionAlert[];
  stats: MergeStats;
  /** Record key → merged id, for persisting ids so the next merge reuses them. */
  personIdByRecord: Map<string, string>;
  lineIdByRecord: Map<string, string>;
  sourceRows: { lines: SourceLineRow[]; nominals: SourceNominalRow[] };
  /** The ROCU enrichments the merge was given (associations flow on into the graph). */
  enrichments: Enrichment[];
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}||${b}` : `${b}||${a}`);
