import type { Hierarchy } from '../hierarchy.js';
import type { NetworkIndex } from '../index.js';
import type { EvidenceCollector } from '../evidence.js';

export type FactorName =
  | 'upstreamLines'
  | 'direction'
  | 'intermediaries'
  | 'brokerage'
  | 'exploitationBelow'
  | 'persistence'
  | 'intelWeight'
  | 'insulation'
  | 'rolePrior';

/** What the ranking knows about the network, computed once per build (see `analyse.ts`). */
export interface FactorContext {
  index: NetworkIndex;
  hierarchy: Hierarchy;
  /** Estimated betweenness per person on the two-mode graph. */
  betweenness: Float64Array;
}

export interface FactorParams {
  /** Weight of a victim on a person's own line, who is not below them by any recorded relationship (exploitationBelow). */
  coLocatedVictimWeight: number;
}

/** One factor's values for every person: raw, normalised to [0, 1], and how to explain one person. */
export interface FactorValues {
  raw: Float64Array;
  normalised: Float64Array;
  detail(person: number): Record<string, number>;
  /** Offers the rows behind the value to `sink`, most telling first, until it is full. */
  evidence(person: number, sink: EvidenceCollector): void;
}

export type Factor = (ctx: FactorContext, params: FactorParams) => FactorValues;
