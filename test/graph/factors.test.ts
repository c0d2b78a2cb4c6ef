import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/graph/analyse.js';
import { sampledBetweenness } from '../../src/graph/betweenness.js';
import { buildGraph } from '../../src/graph/build.js';
import { EvidenceCollector } from '../../src/graph/evidence.js';
import { brokerage } from '../../src/graph/factors/brokerage.js';
import { direction } from '../../src/graph/factors/direction.js';
import { exploitationBelow } from '../../src/graph/factors/exploitation-below.js';
import type { Factor } from '../../src/graph/factors/factor.js';
import { insulation } from '../../src/graph/factors/insulation.js';
import { intelWeight } from '../../src/graph/factors/intel-weight.js';
import { intermediaries } from '../../src/graph/factors/intermediaries.js';
import { persistence } from '../../src/graph/factors/persistence.js';
import { rolePrior } from '../../src/graph/factors/role-prior.js';
import { upstreamLines } from '../../src/graph/factors/upstream-lines.js';
import { gradingStrength, linkConfidence } from '../../src/graph/intel.js';
import type { GraphInput } from '../../src/graph/model.js';
import { assoc, input, line, link, person, toyNetwork } from './fixtures.js';

const params = { coLocatedVictimWeight: 0.5 };

function run(factor: Factor, data: GraphInput) {
  const analysis = analyseNetwork(buildGraph(data), { brokerageSamples: 1e9 });
  const v = factor(analysis, params);
  const at = (id: string) => analysis.index.personIndex.get(`person:${id}`)!;
  return {
    raw: (id: string) => v.raw[at(id)],
    norm: (id: string) => v.normalised[at(id)],
    detail: (id: string) => v.detail(at(id)),
    evidence: (id: string) => {
      const sink = new EvidenceCollector(100);
      v.evidence(at(id), sink);
      return sink.rows;
    },
  };
}

describe('upstream lines', () => {
  it('counts own lines plus the lines of everyone below, across forces and importing areas', () => {
    const f = run(upstreamLines, toyNetwork());
    expect(f.raw('S')).toBe(3);
    expect(f.raw('C1')).toBe(2);
    expect(f.raw('C2')).toBe(1);
    expect(f.raw('R1')).toBe(1);
    expect(f.detail('S')).toEqual({ lines: 3, direct: 0, viaSubordinates: 3, forces: 5, importingAreas: 4 });
    expect(f.detail('C1')).toMatchObject({ direct: 2, forces: 3, importingAreas: 3 });
    expect(f.norm('S')).toBeGreaterThan(f.norm('C1'));
    expect(f.norm('C1')).toBeGreaterThan(f.norm('H1'));
  });

  it('cites the supplier relationships and the subordinates\u2019 rows behind a supplier\u2019s reach', () => {
    const ev = run(upstreamLines, toyNetwork()).evidence('S');
    expect(ev.some((e) => e.sheet === 'ROCU')).toBe(true);
    expect(ev.some((e) => e.sheet === 'Nominals')).toBe(true);
  });

  it('does not follow ASSOCIATE links downstream', () => {
    expect(run(upstreamLines, toyNetwork()).raw('D1')).toBe(1);
  });
});

describe('direction', () => {
  it('counts the levels of command below a person and zeroes anyone recorded as directed', () => {
    const data = input({
      people: ['S', 'C', 'H', 'R'].map((id) => person(id)),
      associations: [assoc('S', 'SUPPLIES', 'C'), assoc('C', 'DIRECTS', 'H'), assoc('H', 'EXPLOITS', 'R')],
    });
    const f = run(direction, data);
    expect(f.raw('S')).toBe(3);
    expect(f.raw('C')).toBe(2);
    expect(f.raw('H')).toBe(1);
    expect(f.raw('R')).toBe(0);
    expect(f.detail('C')).toEqual({ levelsBelow: 2, subordinates: 2, direct: 1, above: 1, directedBy: 0 });
    expect(f.detail('H')).toMatchObject({ directedBy: 1 });
    // supplied is not subordinate: C keeps (2 + 1) / (2 + 2); directed H and exploited R are not at the top of their chain
    expect(f.norm('S')).toBeCloseTo(4 / 5);
    expect(f.norm('C')).toBeCloseTo(3 / 4);
    expect(f.norm('H')).toBe(0);
    expect(f.norm('R')).toBe(0);
    // the boss's relationship comes first behind H's position, then the chain below
    const [boss, below] = f.evidence('H');
    expect(boss).toEqual(expect.objectContaining({ sheet: 'Associations' }));
    expect(boss.row).toBeLessThan(below.row);
    expect(f.evidence('C').length).toBe(2);
  });

  it('does not let a wide span of runners lift a directed line holder above the controller directing them', () => {
    const runners = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'];
    const data = input({
      people: ['C', 'H', ...runners].map((id) => person(id)),
      associations: [assoc('C', 'DIRECTS', 'H'), ...runners.map((r) => assoc('H', 'DIRECTS', r))],
    });
    const f = run(direction, data);
    expect(f.norm('C')).toBeGreaterThan(f.norm('H'));
    expect(f.detail('H')).toMatchObject({ levelsBelow: 1, direct: 6, directedBy: 1 });
  });

  it('is neutral for a person with no recorded relationships, and zero for a child nobody is named as exploiting', () => {
    const data = input({ people: [person('X'), person('K', { age: 15 })], lines: [line('L1')], links: [link('X', 'L1'), link('K', 'L1')] });
    const f = run(direction, data);
    expect(f.norm('X')).toBe(0.5);
    expect(f.norm('K')).toBe(0);
    expect(f.detail('K')).toMatchObject({ directedBy: 1, above: 0 });
    expect(f.evidence('K').length).toBeGreaterThan(0);
  });

  it('survives a cycle of mis-recorded directions', () => {
    const data = input({
      people: ['A', 'B'].map((id) => person(id)),
      associations: [assoc('A', 'DIRECTS', 'B'), assoc('B', 'DIRECTS', 'A')],
    });
    const f = run(direction, data);
    expect(f.raw('A')).toBe(1);
    expect(f.raw('B')).toBe(1);
  });
});

describe('intermediaries', () => {
  it('counts the people a person commands who command others in turn', () => {
    const data = input({
      people: ['S', 'C', 'H1', 'H2', 'R1', 'R2', 'R3'].map((id) => person(id)),
      associations: [
        assoc('S', 'SUPPLIES', 'C'),
        assoc('C', 'DIRECTS', 'H1'),
        assoc('C', 'FINANCES', 'H1'),
        assoc('C', 'DIRECTS', 'H2'),
        assoc('H1', 'DIRECTS', 'R1'),
        assoc('H1', 'EXPLOITS', 'R2'),
        assoc('H2', 'DIRECTS', 'R3'),
      ],
    });
    const f = run(intermediaries, data);
    expect(f.raw('S')).toBe(1);
    expect(f.raw('C')).toBe(2);
    // a line holder's people are the runners themselves
    expect(f.raw('H1')).toBe(0);
    expect(f.raw('R1')).toBe(0);
    expect(f.norm('C')).toBeCloseTo(2 / 3);
    expect(f.norm('S')).toBeCloseTo(1 / 2);
    expect(f.detail('C')).toEqual({ intermediaries: 2, reachedThroughThem: 3 });
    expect(f.detail('S')).toEqual({ intermediaries: 1, reachedThroughThem: 2 });
    // per intermediary: the relationship to them and one of theirs
    expect(f.evidence('C').length).toBe(4);
    expect(f.evidence('H1')).toEqual([]);
  });

  it('does not count ASSOCIATE links', () => {
    const data = input({
      people: ['A', 'B', 'C'].map((id) => person(id)),
      associations: [assoc('A', 'ASSOCIATE', 'B'), assoc('B', 'DIRECTS', 'C')],
    });
    expect(run(intermediaries, data).raw('A')).toBe(0);
  });
});

describe('brokerage', () => {
  it('is exact betweenness when every node is a pivot: path and star', () => {
    const path = { offsets: Int32Array.from([0, 1, 3, 4]), targets: Int32Array.from([1, 0, 2, 1]) };
    expect([...sampledBetweenness(path, { samples: 10 })]).toEqual([0, 1, 0]);
    // star: centre 0 with leaves 1..4 → C(4,2) = 6 pairs through the centre
    const star = { offsets: Int32Array.from([0, 4, 5, 6, 7, 8]), targets: Int32Array.from([1, 2, 3, 4, 0, 0, 0, 0]) };
    expect(sampledBetweenness(star, { samples: 10 })[0]).toBe(6);
  });

  it('is positive for a person tying two lines together and zero for someone on one line only', () => {
    const data = input({
      people: ['B', 'X1', 'X2', 'Y1', 'Y2'].map((id) => person(id)),
      lines: [line('L1'), line('L2')],
      links: [link('B', 'L1'), link('B', 'L2'), link('X1', 'L1'), link('X2', 'L1'), link('Y1', 'L2'), link('Y2', 'L2')],
    });
    const f = run(brokerage, data);
    expect(f.raw('B')).toBeGreaterThan(0);
    expect(f.raw('X1')).toBe(0);
    expect(f.norm('B')).toBeGreaterThan(f.norm('X1'));
  });

  it('estimates from samples deterministically', () => {
    const ring = { offsets: Int32Array.from({ length: 101 }, (_, i) => 2 * i), targets: Int32Array.from({ length: 200 }, (_, k) => ((k >> 1) + (k % 2 ? 99 : 1)) % 100) };
    expect(sampledBetweenness(ring, { samples: 10, seed: 3 })).toEqual(sampledBetweenness(ring, { samples: 10, seed: 3 }));
  });
});

describe('exploitation below', () => {
  it('counts victims below by relationship fully, victims beside on a line by half, and nothing for a victim', () => {
    const f = run(exploitationBelow, toyNetwork());
    // C1 directs H1, H2 whose lines hold R1 (child), R2 (exploited), O1 (vulnerable)
    expect(f.raw('C1')).toBe(3);
    expect(f.detail('C1')).toMatchObject({ victims: 3, children: 1, exploited: 2, vulnerable: 2, downstream: 3 });
    expect(f.raw('S')).toBe(3);
    // H1 exploits R1 (below, 1); D1 only shares the line with R1 (0.5)
    expect(f.raw('H1')).toBe(1);
    expect(f.raw('D1')).toBe(0.5);
    expect(f.raw('R1')).toBe(0);
    expect(f.raw('C2')).toBe(0);
  });
});

describe('persistence', () => {
  it('is the share of months in which the person is reported', () => {
    const f = run(persistence, toyNetwork());
    expect(f.raw('C1')).toBe(3);
    expect(f.norm('C1')).toBe(1);
    expect(f.raw('R1')).toBe(2);
    expect(f.norm('R1')).toBeCloseTo(2 / 3);
    expect(f.raw('S')).toBe(1);
  });
});

describe('intelligence weight', () => {
  it('grades 1A strongest and 3D weakest, never zero', () => {
    expect(gradingStrength('1A')).toBe(1);
    expect(gradingStrength('3D')).toBeGreaterThan(0);
    expect(gradingStrength('2B')).toBeGreaterThan(gradingStrength('2C'));
    expect(gradingStrength('2A')).toBeGreaterThan(gradingStrength('3A'));
  });

  it('counts a force once and grows with independent forces', () => {
    const one = linkConfidence([{ force: 'LEI', grading: '3D' }, { force: 'LEI', grading: '3D' }]);
    const two = linkConfidence([{ force: 'LEI', grading: '3D' }, { force: 'NTH', grading: '3D' }]);
    expect(one).toBeCloseTo(gradingStrength('3D'));
    expect(two).toBeGreaterThan(one);
  });

  it('adds up the confidence of the person\u2019s links and the relationships they direct', () => {
    const data = input({
      people: [person('A'), person('B')],
      lines: [line('L1')],
      links: [link('A', 'L1', { grading: '1A' }), link('B', 'L1', { grading: '3D' })],
      associations: [assoc('A', 'DIRECTS', 'B', { grading: '1A' })],
    });
    const f = run(intelWeight, data);
    expect(f.raw('A')).toBe(2);
    expect(f.raw('B')).toBeCloseTo(gradingStrength('3D'));
  });
});

describe('insulation', () => {
  it('falls as police contacts rise and is highest with reach and no contacts', () => {
    const f = run(insulation, toyNetwork());
    expect(f.raw('C1')).toBe(2);
    expect(f.raw('D1')).toBeCloseTo(1 / 7);
    expect(f.raw('S')).toBe(3);
  });
});

describe('role prior', () => {
  it('takes the strongest role any force recorded, neutral when none', () => {
    const f = run(rolePrior, toyNetwork());
    expect(f.raw('C1')).toBe(1);
    expect(f.raw('R1')).toBe(0);
    expect(f.raw('S')).toBe(0.3);
    expect(run(rolePrior, toyNetwork({ roles: false })).raw('C1')).toBe(0.3);
  });
});
