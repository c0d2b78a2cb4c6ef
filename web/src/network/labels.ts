import type { Ranked } from './api';

// Words for what the service names in code: factor names, flags, roles. The
// sentences themselves come from the service (`text`); these are headings.

export const FACTOR_LABELS: Record<string, string> = {
  direction: 'Command: directs others, directed by no one',
  intermediaries: 'Works through people who direct others',
  insulation: 'Kept away from police contact',
  upstreamLines: 'Lines above which they sit',
  brokerage: 'Ties parts of the network together',
  rolePrior: 'Role the forces recorded',
  exploitationBelow: 'Children, exploited or vulnerable people below',
  persistence: 'Months active in the window',
  intelWeight: 'Strength of the intelligence',
};

export const factorLabel = (name: string) => FACTOR_LABELS[name] ?? name;

type Flags = Ranked['flags'];

/** The flags in words, most urgent first: "child, exploited". */
export function flagWords(flags: Flags): string[] {
  return [flags.child && 'child', flags.exploited && 'exploited', flags.vulnerable && 'vulnerable'].filter((x): x is string => !!x);
}

export const personName = (names: readonly string[], id: string) => names[0] ?? id;

export const formatScore = (score: number) => score.toFixed(3);

export const formatCount = (n: number) => n.toLocaleString('en-GB');
