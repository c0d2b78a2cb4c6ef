import type { RuleSet } from '../run-rules.js';
import { V1 } from './v1.js';
import { V2 } from './v2.js';

/** Every guidance version the service validates against; a version 3 is one more entry here. */
export const RULESETS: readonly RuleSet[] = [V1, V2];
export const LATEST = V2;
export const VERSIONS = RULESETS.map((s) => s.version);

export const ruleSetFor = (version: number | null): RuleSet => RULESETS.find((s) => s.version === version) ?? LATEST;
