import { describe, expect, it } from 'vitest';
import { count, factorSentence, listWords, type FactorFacts } from '../../src/graph/factor-words.js';
import { directsWords } from '../../src/graph/safeguarding.js';

// The sentences each factor of a score is explained by (issue #11 point 8).

const facts = (over: Partial<FactorFacts> = {}): FactorFacts => ({
  lineForces: [], linesBelow: 0, linesBelowForces: [], directedBy: [], roles: [], flags: { child: false, exploited: false, vulnerable: false }, ...over,
});

describe('factor sentences', () => {
  it('counts and lists as an analyst would write them', () => {
    expect([count(1, 'line'), count(4, 'line'), count(1, 'person', 'people'), count(0, 'person', 'people')]).toEqual(['1 line', '4 lines', '1 person', '0 people']);
    expect([listWords([]), listWords(['LEI']), listWords(['LEI', 'NTH']), listWords(['DER', 'LEI', 'NTH'])]).toEqual(['', 'LEI', 'LEI and NTH', 'DER, LEI and NTH']);
    expect(listWords(['A', 'B', 'C', 'D'], 2)).toBe('A, B and 2 more');
  });

  it('says whom a person directs, what those people run, and whether anyone directs them', () => {
    const top = { levelsBelow: 2, subordinates: 7, direct: 3, above: 0, directedBy: 0 };
    expect(factorSentence('direction', top, facts({ linesBelow: 4, linesBelowForces: ['LEI', 'NTH'] }))).toBe(
      'directs 3 people who run 4 lines in LEI and NTH, 2 levels of command below them; recorded as directed by no one',
    );
    expect(factorSentence('direction', { ...top, direct: 1, levelsBelow: 1 }, facts({ linesBelow: 1, linesBelowForces: ['LEI'] }))).toBe(
      'directs 1 person who runs 1 line in LEI; recorded as directed by no one',
    );
    expect(factorSentence('direction', { levelsBelow: 0, subordinates: 0, direct: 0, above: 1, directedBy: 1 }, facts({ directedBy: ['JOHN SMITH'] }))).toBe(
      'directs no one on record; recorded as directed by JOHN SMITH, so not the top of their chain',
    );
    expect(factorSentence('direction', { levelsBelow: 0, subordinates: 0, direct: 0, above: 0, directedBy: 1 }, facts({ flags: { child: false, exploited: true, vulnerable: false } }))).toBe(
      "directs no one on record; recorded as exploited, so presumed under someone's control though no one is named as directing them",
    );
  });

  it('says how far a person reaches, through whom, and how exposed they are', () => {
    expect(factorSentence('upstreamLines', { lines: 5, direct: 2, viaSubordinates: 3, forces: 2, importingAreas: 4 }, facts({ lineForces: ['LEI', 'NTH'] }))).toBe(
      'upstream of 5 lines (2 their own, 3 run by people below them) in LEI and NTH, supplying 4 importing areas',
    );
    expect(factorSentence('upstreamLines', { lines: 1, direct: 1, viaSubordinates: 0, forces: 1, importingAreas: 0 }, facts({ lineForces: ['MET'] }))).toBe('upstream of 1 line in MET');
    expect(factorSentence('intermediaries', { intermediaries: 2, reachedThroughThem: 9 }, facts())).toBe('works through 2 people who direct others in turn, reaching 9 people through them');
    expect(factorSentence('intermediaries', { intermediaries: 1, reachedThroughThem: 3 }, facts())).toBe('works through 1 person who directs others in turn, reaching 3 people through them');
    expect(factorSentence('intermediaries', { intermediaries: 0, reachedThroughThem: 0 }, facts())).toBe('directs no one who directs others in turn');
    expect(factorSentence('insulation', { contactsPerRow: 0, lines: 4 }, facts())).toBe('upstream of 4 lines with no police contact in the window');
    expect(factorSentence('insulation', { contactsPerRow: 2.5, lines: 1 }, facts())).toBe('upstream of 1 line with 2.5 police contacts per reported row');
    expect(factorSentence('brokerage', { betweenness: 0, lines: 1, relationships: 0 }, facts())).toBe('ties no separate parts of the network together');
    expect(factorSentence('brokerage', { betweenness: 0.01234, lines: 2, relationships: 3 }, facts())).toBe(
      'ties together parts of the network that meet through them: 2 lines and 3 recorded relationships (betweenness 0.0123)',
    );
  });

  it('says who is exploited below them, how settled the picture is, and what forces recorded', () => {
    expect(factorSentence('exploitationBelow', { victims: 3, children: 1, exploited: 2, vulnerable: 1, downstream: 3 }, facts())).toBe(
      '3 children, exploited or vulnerable people below them: 1 child, 2 exploited and 1 vulnerable',
    );
    expect(factorSentence('exploitationBelow', { victims: 2, children: 2, exploited: 0, vulnerable: 0, downstream: 0 }, facts())).toBe(
      '2 children, exploited or vulnerable people beside them on their own lines: 2 children',
    );
    expect(factorSentence('exploitationBelow', { victims: 0, children: 0, exploited: 0, vulnerable: 0, downstream: 0 }, facts({ flags: { child: true, exploited: false, vulnerable: false } }))).toBe(
      'counts no one beside them on their lines: they are recorded as a child, exploited or vulnerable themself',
    );
    expect(factorSentence('persistence', { months: 2, window: 3 }, facts())).toBe("reported in 2 of the window's 3 months");
    expect(factorSentence('intelWeight', { confidence: 1.4, reportingForces: 2 }, facts())).toBe('intelligence from 2 forces, combined confidence 1.4');
    expect(factorSentence('intelWeight', { confidence: 0, reportingForces: 0 }, facts())).toBe('no graded intelligence behind their position');
    expect(factorSentence('rolePrior', { prior: 1 }, facts({ roles: ['CONTROLLER', 'ASSOCIATE'] }))).toBe('recorded by forces as CONTROLLER and ASSOCIATE (the strongest counts)');
    expect(factorSentence('rolePrior', { prior: 0.3 }, facts())).toBe('no role recorded by any force');
  });

  it('names whom a person on the safeguarding list directs', () => {
    expect(directsWords([])).toBe('directs no one on record');
    expect(directsWords([{ personId: 'P-1', names: ['ANN BLOGGS'], relationships: ['DIRECTS'] }, { personId: 'P-2', names: [], relationships: ['EXPLOITS', 'RECRUITED'] }])).toBe(
      'directs 2 people: ANN BLOGGS (DIRECTS) and P-2 (EXPLOITS, RECRUITED)',
    );
  });
});
