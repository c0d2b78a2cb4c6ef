import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { GraphInputError } from '../../src/graph/errors.js';
import { toJSON } from '../../src/graph/export-formats.js';
import type { GraphInput } from '../../src/graph/model.js';
import { assoc, input, line, link, person, toyNetwork } from './fixtures.js';

const reversed = (i: GraphInput): GraphInput => ({
  ...i,
  people: [...i.people].reverse(),
  lines: [...i.lines].reverse(),
  links: [...i.links].reverse(),
  associations: [...i.associations].reverse(),
  addresses: [...i.addresses].reverse(),
});

describe('buildGraph', () => {
  it('creates typed nodes with deterministic keys', () => {
    const g = buildGraph(toyNetwork());
    expect(g.hasNode('person:C1')).toBe(true);
    expect(g.hasNode('line:L2')).toBe(true);
    expect(g.hasNode('tel:+447700000002')).toBe(true);
    expect(g.hasNode('addr:NN1 1AA')).toBe(true);
    expect(g.hasNode('area:NTH:NORTHAMPTON')).toBe(true);
    expect(g.hasNode('area:MET:LAMBETH')).toBe(true);
    expect(g.getNodeAttribute('person:R1', 'kind')).toBe('person');
  });

  it('aggregates every row of one person on one line into one edge', () => {
    const g = buildGraph(toyNetwork());
    const e = g.getEdgeAttributes('ON_LINE:person:C1->line:L1');
    expect(e.type).toBe('ON_LINE');
    if (e.type !== 'ON_LINE') return;
    expect(e.roles).toEqual(['ASSOCIATE', 'CONTROLLER']);
    expect(e.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(e.forces).toEqual(['LEI', 'MET']);
    expect(e.gradings).toEqual(['2B', '3C']);
    expect(e.rows).toBe(4);
    expect(e.evidence).toHaveLength(4);
    expect(g.edges('person:C1', 'line:L1')).toHaveLength(1);
  });

  it('links lines to numbers, areas and addresses, and people to people with their source', () => {
    const g = buildGraph(toyNetwork());
    expect(g.hasEdge('USES_NUMBER:line:L1->tel:+447700000001')).toBe(true);
    expect(g.hasEdge('EXPORTS_FROM:line:L3->area:WMP:HANDSWORTH')).toBe(true);
    expect(g.hasEdge('IMPORTS_TO:line:L2->area:LEI:LOUGHBOROUGH')).toBe(true);
    expect(g.hasEdge('ADDRESS_OF:addr:NN1 1AA->line:L2')).toBe(true);
    const s = g.getEdgeAttributes('SUPPLIES:person:S->person:C1');
    expect(s.type === 'SUPPLIES' && s.sources).toEqual(['ROCU']);
    expect(g.hasEdge('ASSOCIATE:person:D1->person:R1')).toBe(true);
  });

  it('builds the same graph twice, whatever the order of the input', () => {
    const a = toJSON(buildGraph(toyNetwork()));
    expect(toJSON(buildGraph(toyNetwork()))).toEqual(a);
    expect(toJSON(buildGraph(reversed(toyNetwork())))).toEqual(a);
  });

  it('shares one number node between lines that list the same deal number', () => {
    const g = buildGraph(
      input({ lines: [line('L1', { dealNumbers: ['+447700900001'] }), line('L2', { dealNumbers: ['+447700900001'] })] }),
    );
    expect(g.inDegree('tel:+447700900001')).toBe(2);
  });

  it('drops a relationship of a person with themself (two refs merged into one person)', () => {
    const g = buildGraph(input({ people: [person('A')], associations: [assoc('A', 'DIRECTS', 'A')] }));
    expect(g.size).toBe(0);
  });

  it('refuses a row that refers to a person who is not in the input', () => {
    const bad = input({ people: [person('A')], lines: [line('L1')], links: [link('B', 'L1')] });
    expect(() => buildGraph(bad)).toThrow(GraphInputError);
    expect(() => buildGraph(bad)).toThrow(/person B/);
  });

  it('refuses a person listed twice', () => {
    expect(() => buildGraph(input({ people: [person('A'), person('A')] }))).toThrow(/twice/);
  });
});
