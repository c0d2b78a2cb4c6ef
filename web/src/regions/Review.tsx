import { useEffect, useRef, useState } from 'react';
import { formatMonth, formatTime } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { useDecide, useLines, useMerge, useReviewQueue, type Decision, type ReviewPair } from './api';
import type { RegionProps } from './RegionScreens';
import { forceName, plural, ukDate } from './words';

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

/** For and against, strongest first; comparisons with nothing on one side folded into one line. */
function Evidence({ evidence }: { evidence: ReviewPair['evidence'] }) {
  const compared = evidence.filter((e) => e.level !== 'MISSING').sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  const missing = evidence.filter((e) => e.level === 'MISSING').map((e) => /^no (.+) on one side to compare$/.exec(e.text)?.[1] ?? e.text);
  return (
    <ul className="evidence">
      {compared.map((e) => (
        <li key={e.comparison} className={e.weight > 0 ? 'for' : e.weight < 0 ? 'against' : 'neutral'}>
          <span>{e.text}</span>{' '}
          <span className="weight">
            ({e.weight > 0 ? 'for' : e.weight < 0 ? 'against' : 'no weight'}
            {e.weight !== 0 && `, ${e.weight > 0 ? '+' : '−'}${Math.abs(e.weight).toFixed(1)}`})
          </span>
        </li>
      ))}
      {missing.length > 0 && <li className="neutral">Not compared, missing on one side: {missing.join(', ')}</li>}
    </ul>
  );
}

/** The decision in force on a pair as its button says it: `Same person`, `Different lines`. */
function decisionWords(pair: ReviewPair) {
  const d = DECISIONS.find((x) => x.decision === pair.decision?.decision);
  return d ? labelOf(d, pair.kind) : (pair.decision?.decision ?? '');
}

const PERSON_ROWS: { label: string; field: string; format?: (v: string) => string }[] = [
  { label: 'Surname', field: 'surname' },
  { label: 'Forenames', field: 'forenames' },
  { label: 'Date of birth', field: 'dob', format: ukDate },
  { label: 'PNC ID', field: 'pncId' },
  { label: 'Phones', field: 'phones' },
  { label: 'Street names', field: 'streetNames' },
  { label: 'Home postcode district', field: 'postcodeDistrict' },
  { label: 'Gender', field: 'gender' },
];
const LINE_ROWS: { label: string; field: string; format?: (v: string) => string }[] = [
  { label: 'Line name', field: 'name' },
  { label: 'Deal numbers', field: 'dealNumbers' },
  { label: 'Exporting force', field: 'exportingForce' },
  { label: 'Exporting area', field: 'exportingArea' },
  { label: 'Importing areas', field: 'importingAreas' },
  { label: 'Line status', field: 'status' },
];

function SideBySide({ pair, lineName, link }: { pair: ReviewPair; lineName: (force: string, ref: string) => string | undefined; link: RegionProps['link'] }) {
  const sides = [pair.a, pair.b];
  const rows = pair.kind === 'person' ? PERSON_ROWS : LINE_ROWS;
  const cell = (values: string[] | undefined, format = (v: string) => v) => (values?.length ? values.map(format).join('; ') : <span className="muted">not recorded</span>);
  const differs = (field: string) => {
    const [x, y] = sides.map((s) => (s.fields[field] ?? []).map((v) => v.toUpperCase()).sort().join('|'));
    return !!x && !!y && x !== y;
  };
  return (
    <div className="table-wrap">
      <table className="side-by-side">
        <caption className="visually-hidden">The two records side by side</caption>
        <thead>
          <tr>
            <td></td>
            {sides.map((s, i) => (
              <th scope="col" key={s.key}>
                Record {i === 0 ? 'A' : 'B'}: {forceName(s.force)} <span className="muted">({s.force} {s.ref})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={differs(r.field) ? 'differs' : undefined}>
              <th scope="row">{r.label}</th>
              {sides.map((s) => (
                <td key={s.key}>{cell(s.fields[r.field], r.format)}</td>
              ))}
            </tr>
          ))}
          {pair.kind === 'person' && (
            <tr>
              <th scope="row">Lines</th>
              {sides.map((s) => (
                <td key={s.key}>{cell(s.fields.lineRefs, (ref) => { const n = lineName(s.force, ref); return n ? `${n} (${ref})` : ref; })}</td>
              ))}
            </tr>
          )}
          <tr>
            <th scope="row">Months reported</th>
            {sides.map((s) => (
              <td key={s.key}>{s.months.map(formatMonth).join(', ')}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">In the merge as</th>
            {sides.map((s) => (
              <td key={s.key}>
                <a href={link(`/region/${pair.kind === 'person' ? 'people' : 'lines'}/${s.mergedId}`)}>{s.mergedId}</a>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
