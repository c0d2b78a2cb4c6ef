import { useEffect, useRef, useState } from 'react';
import { formatMonth, formatTime } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { useDecide, useLines, useMerge, useReviewQueue, type Decision, type ReviewPair } from './api';
import type { RegionProps } from './RegionScreens';
import { plural } from './words';
import { Evidence, SideBySide } from './ReviewPairParts';

// The review queue, one pair at a time: the two records side by side, the
// evidence in the API's words (never its codes), the match weight beside it,
// and three decisions with single-key shortcuts. Decisions take effect at the
// next merge, so the screen says so and links to it.

const DECISIONS: { decision: Decision; label: string; key: string; done: string }[] = [
  { decision: 'same', label: 'Same person', key: 'S', done: 'same' },
  { decision: 'different', label: 'Different people', key: 'D', done: 'different' },
  { decision: 'undecided', label: 'Not sure', key: 'N', done: 'left undecided' },
];
const NEXT_KEY = 'ArrowRight';

const labelOf = (d: (typeof DECISIONS)[number], kind: ReviewPair['kind']) =>
  kind === 'line' ? d.label.replace('person', 'line').replace('people', 'lines') : d.label;

/** A side's name as the records give it. */
function sideName(pair: ReviewPair, side: ReviewPair['a']) {
  const f = side.fields;
  if (pair.kind === 'line') return f.name?.join(' / ') || side.ref;
  return [f.surname?.[0], f.forenames?.[0]].filter(Boolean).join(', ') || side.ref;
}
const pairName = (p: ReviewPair) => `${sideName(p, p.a)} (${p.a.force}) and ${sideName(p, p.b)} (${p.b.force})`;

export function ReviewScreen({ session, region, link }: RegionProps) {
  const queue = useReviewQueue({ region });
  const { merge } = useMerge({ region, id: queue.data?.mergeId ?? undefined });
  const lines = useLines({ region, mergeId: queue.data?.mergeId ?? undefined });
  const decide = useDecide({ region });
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const pairs = queue.data?.pairs ?? [];
  const waiting = pairs.filter((p) => !p.decision);
  const current = pairs.find((p) => p.id === currentId) ?? waiting[0] ?? null;
  const decided = pairs.filter((p) => p.decision);

  const lineName = (force: string, ref: string) =>
    lines.data?.find((l) => l.records.some((r) => r.key === `${force}|${ref}`.toUpperCase()))?.names[0]?.value;

  /** The pair after `from` in queue order that still waits for a decision (or simply the next one). */
  const nextAfter = (from: ReviewPair, onlyWaiting: boolean) => {
    const i = pairs.indexOf(from);
    const order = [...pairs.slice(i + 1), ...pairs.slice(0, i)];
    return (onlyWaiting ? order.find((p) => !p.decision) : order[0]) ?? null;
  };

  const show = (p: ReviewPair | null) => {
    setCurrentId(p?.id ?? null);
    heading.current?.focus();
  };

  const choose = (pair: ReviewPair, d: (typeof DECISIONS)[number]) => {
    if (decide.isPending) return;
    decide.mutate(
      { pairId: pair.id, decision: d.decision },
      {
        onSuccess: () => {
          const next = nextAfter(pair, true);
          setSaid(`${pairName(pair)}: ${d.done}.${next && next.id !== pair.id ? ' Showing the next pair.' : ' No more pairs are waiting.'}`);
          if (next && next.id !== pair.id) show(next);
        },
      },
    );
  };

  const undo = (pair: ReviewPair) =>
    decide.mutate({ pairId: pair.id, decision: 'undecided' }, { onSuccess: () => (setSaid(`Decision on ${pairName(pair)} undone.`), show(pair)) });

  // Single-key shortcuts, announced on the buttons (aria-keyshortcuts) and in the text.
  const latest = useRef({ current, choose, nextAfter, show });
  latest.current = { current, choose, nextAfter, show };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      const { current: pair, choose: pick, nextAfter: after, show: go } = latest.current;
      if (!pair) return;
      const d = DECISIONS.find((x) => x.key.toLowerCase() === e.key.toLowerCase());
      if (d) {
        e.preventDefault();
        pick(pair, d);
      } else if (e.key === NEXT_KEY) {
        e.preventDefault();
        go(after(pair, false));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <h1>Review queue</h1>
      {queue.isPending && <Loading label="Loading the review queue…" />}
      {queue.isError && <ErrorMessage error={queue.error} />}
      {queue.data && !queue.data.mergeId && (
        <p>
          No merge has been run for this region yet, so nothing is queued. <a href={link('/region/merge')}>Run a merge</a>.
        </p>
      )}
      {queue.data?.mergeId && (
        <p className="hint-box">
          {plural(pairs.length, 'pair')} from the merge of {merge ? `${formatMonth(merge.month)} run ${formatTime(merge.createdAt)}` : 'the latest merge'}: {waiting.length} waiting,{' '}
          {decided.length} decided. Decisions take effect when the merge is run again —{' '}
          <a href={link('/region/merge', merge ? { month: merge.month } : {})}>re-run the merge to see their effect</a>.
        </p>
      )}
      <p role="status" aria-live="polite" className="said">
        {said}
      </p>
      {decide.isError && <ErrorMessage error={decide.error} title="The decision was not recorded." />}
      {queue.data?.mergeId && pairs.length === 0 && <p>The latest merge left no pair in doubt.</p>}
      {current && (
        <section className="review-pair" aria-labelledby="pair-heading">
          <h2 id="pair-heading" ref={heading} tabIndex={-1}>
            Pair {pairs.indexOf(current) + 1} of {pairs.length}: {current.kind === 'person' ? 'the same person?' : 'the same line?'}
          </h2>
          {current.decision && (
            <p className="decided-note">
              Already decided: <strong>{decisionWords(current)}</strong>, {formatTime(current.decision.decidedAt)}
              {current.decision.decidedBy === session.user.id ? ' by you' : ' by another analyst'}.
            </p>
          )}
          <div className="pair-body">
            <SideBySide pair={current} lineName={lineName} link={link} />
            <div>
              <h3>Why it is queued</h3>
              <p>{current.reasonText.charAt(0).toUpperCase() + current.reasonText.slice(1)}</p>
              <h3>The evidence</h3>
              <Evidence evidence={current.evidence} />
              <p className="weight">
                Match weight {current.weight.toFixed(1)}, probability {current.probability.toFixed(2)}.
              </p>
              <div className="decide" role="group" aria-label="Decision">
                {DECISIONS.map((d) => (
                  <button key={d.decision} type="button" className={d.decision === 'undecided' ? 'secondary' : undefined} aria-keyshortcuts={d.key} disabled={decide.isPending} onClick={() => choose(current, d)}>
                    {labelOf(d, current.kind)} <kbd>{d.key}</kbd>
                  </button>
                ))}
                <button type="button" className="secondary" aria-keyshortcuts={NEXT_KEY} onClick={() => show(nextAfter(current, false))} disabled={pairs.length < 2}>
                  Next <kbd aria-hidden="true">→</kbd>
                </button>
              </div>
              <p className="hint">Keyboard: S same, D different, N not sure, → next pair.</p>
            </div>
          </div>
        </section>
      )}
      {queue.data?.mergeId && pairs.length > 0 && !current && <p>Every pair has been decided. Re-run the merge to apply the decisions.</p>}
      {decided.length > 0 && (
        <>
          <h2>Decisions on this queue</h2>
          <table>
            <caption className="visually-hidden">Pairs of this queue with a decision in force, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">Decision</th>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Undo</th>
              </tr>
            </thead>
            <tbody>
              {[...decided]
                .sort((x, y) => y.decision!.decidedAt.localeCompare(x.decision!.decidedAt))
                .map((p) => (
                  <tr key={p.id}>
                    <td>
                      <button type="button" className="link" onClick={() => show(p)}>
                        {pairName(p)}
                      </button>
                    </td>
                    <td>{decisionWords(p)}</td>
                    <td>{formatTime(p.decision!.decidedAt)}</td>
                    <td>{p.decision!.decidedBy === session.user.id ? 'you' : 'another analyst'}</td>
                    <td>
                      <button type="button" className="secondary" disabled={decide.isPending} onClick={() => undo(p)} aria-label={`Undo the decision on ${pairName(p)}`}>
                        Undo
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** The decision in force on a pair as its button says it: `Same person`, `Different lines`. */
function decisionWords(pair: ReviewPair) {
  const d = DECISIONS.find((x) => x.decision === pair.decision?.decision);
  return d ? labelOf(d, pair.kind) : (pair.decision?.decision ?? '');
}
