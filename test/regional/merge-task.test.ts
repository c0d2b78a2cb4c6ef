import { on } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../db/schema/index.js';
import { runMergeTask, type MergeInputMessage, type MergeMessage } from '../../src/regional/merge-task.js';
import { mergeMonth } from '../../src/regional/month-merge.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';
import { presets } from '../world/index.js';
import { toReturnInputs } from './evaluate.js';

// The merge worker's side of its port (merge-task.ts): the service sends the
// returns one message each as it reads them, then says it is done; the worker
// resolves them and hands back the outcome, the items, then the end.

const world = presets.small(2);
const month = world.returns.at(-1)!.meta.month;
const returns = toReturnInputs(world.returns);
const context = { decisions: [], enrichments: [], priorPersonIds: new Map(), priorLineIds: new Map(), personAliases: new Map(), lineAliases: new Map() };

function start() {
  const channel = new MessageChannel();
  const running = runMergeTask({ scope: 'NATIONAL', month, context, thresholds: DEFAULT_THRESHOLDS, outside: null, port: channel.port2 });
  const send = (message: MergeInputMessage) => channel.port1.postMessage(message);
  const sendReturn = (r: (typeof returns)[number]) =>
    send({ input: { returnId: r.returnId, force: r.force, month: r.month, meta: r.parsed.meta, texts: Object.fromEntries(SHEETS.map((s) => [s, JSON.stringify(r.parsed[s])])) as never } });
  return { channel, running, send, sendReturn };
}

describe('the merge worker takes its returns one message at a time', () => {
  it('resolves the returns sent, in the order sent, as the same merge as in memory', async () => {
    const { channel, running, send, sendReturn } = start();
    const replies: MergeMessage[] = [];
    const received = (async () => {
      for await (const [m] of on(channel.port1, 'message') as AsyncIterable<[MergeMessage]>) {
        replies.push(m);
        if ('end' in m) return;
      }
    })();
    for (const r of returns) sendReturn(r);
    send({ inputsEnd: true });
    await running;
    await received;
    channel.port1.close();
    const expected = mergeMonth({ scope: 'NATIONAL', returns, thresholds: DEFAULT_THRESHOLDS, decisions: [], priorPersonIds: new Map(), priorLineIds: new Map() }, month);
    const outcome = replies[0];
    expect('outcome' in outcome && outcome.outcome.people).toBe(expected.people.length);
    expect('outcome' in outcome && outcome.outcome.stats).toEqual(expected.stats);
    expect(replies.filter((m) => 'kind' in m).length).toBeGreaterThan(0);
    expect('end' in replies.at(-1)!).toBe(true);
  });

  it('gives up, rather than waiting for ever, when the service closes its end part way through', async () => {
    const { channel, running, sendReturn } = start();
    sendReturn(returns[0]);
    channel.port1.close();
    await expect(running).rejects.toThrow();
  });
});
