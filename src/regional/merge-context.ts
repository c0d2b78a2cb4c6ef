import { derivedId, type NewId } from './ids.js';
import type { Decision, Enrichment } from './model.js';

/**
 * What a merge or a window's resolution needs from the database besides the
 * returns: decisions, enrichments, the stored record → entity ids and the
 * aliases of retired ids. Plain data, so it can be handed to the analysis
 * worker; withNewId adds the id rule the merge takes as a function.
 */
export interface MergeContextData {
  decisions: Decision[];
  enrichments: Enrichment[];
  priorPersonIds: Map<string, string>;
  priorLineIds: Map<string, string>;
  personAliases: Map<string, string>;
  lineAliases: Map<string, string>;
}

/**
 * A new entity's id, derived from its first record key (ids.ts) so the same
 * returns give the same ids; never an id an alias still leads from, which
 * would send whoever holds that old id to the wrong entity.
 */
const newIdAvoiding = (retired: { person: Map<string, string>; line: Map<string, string> }): NewId => (kind, firstKey, used) =>
  derivedId(kind, firstKey, { has: (id) => used.has(id) || retired[kind].has(id) });

export function withNewId({ decisions, enrichments, priorPersonIds, priorLineIds, personAliases, lineAliases }: MergeContextData) {
  return { decisions, enrichments, priorPersonIds, priorLineIds, newId: newIdAvoiding({ person: personAliases, line: lineAliases }) };
}
