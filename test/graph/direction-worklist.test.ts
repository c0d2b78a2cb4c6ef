import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { directionWorklist } from '../../src/graph/direction-worklist.js';
import { assoc, input, line, link, person, toyNetwork } from './fixtures.js';

describe('directionWorklist', () => {
  it('lists people on several lines with no command link in or out, most lines first', () => {
    const g = buildGraph(
      input({
        people: [person('A'), person('B', { forces: ['MET', 'LEI'] }), person('C'), person('D'), person('E')],
        lines: [line('L1'), line('L2'), line('L3')],
        links: [
          link('A', 'L1'), link('A', 'L2'), link('A', 'L3', { role: 'ENFORCER' }),
          link('B', 'L1', { role: 'RECRUITER' }), link('B', 'L2'),
          link('C', 'L1'), link('C', 'L2'),
          link('D', 'L1'), link('D', 'L2'),
          link('E', 'L3'),
        ],
        // C directs someone, D is directed: both have direction recorded. An ASSOCIATE link is not direction.
        associations: [assoc('C', 'DIRECTS', 'E'), assoc('E', 'RECRUITED', 'D'), assoc('A', 'ASSOCIATE', 'B')],
      }),
    );
    const list = directionWorklist(g);
    expect(list.map((e) => [e.personId, e.lines.map((l) => l.lineId)])).toEqual([
      ['A', ['L1', 'L2', 'L3']],
      ['B', ['L1', 'L2']],
    ]);
    expect(list[0].roles).toEqual(['ENFORCER', 'UNKNOWN']);
    expect(list[1].roles).toEqual(['RECRUITER', 'UNKNOWN']);
  });

  it('leaves out everyone in a network where direction is recorded across lines', () => {
    // In the toy network only C1 is on two lines, and C1 directs H1 and H2.
    expect(directionWorklist(buildGraph(toyNetwork()))).toEqual([]);
  });
});
