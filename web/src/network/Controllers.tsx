import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Session } from '../api/session';
import { href, navigate } from '../router';
import { DownloadButton, ErrorMessage } from '../screens/common';
import { briefingUrl, useContactsRanks, useControllers, type Ranked, type WindowQuery } from './api';
import { flagWords, formatCount, formatScore, personName } from './labels';
import { windowParams } from './scope';
import { Why } from './Why';
import { WindowPicker } from './WindowPicker';

const ROW_HEIGHT = 40;
/** More than the rows ever drawn at once (a screenful plus overscan), so slot keys never collide. */
const SLOTS = 128;

/**
 * The controlling minds of a scope and window, ranked: every page of the list
 * is fetched in the background and drawn in a virtualised list (only the rows
 * in view are in the page), so 20,000 people scroll as smoothly as 20.
 * Selecting a row shows why the person is where they are.
 */
export function ControllersScreen({ session, q }: { session: Session; q: WindowQuery }) {
  const list = useControllers(q);
  const contacts = useContactsRanks(q, list.done);
  const byContacts = useMemo(() => new Map(contacts.items.map((c) => [c.personId, c.rank])), [contacts.items]);
  const [selected, setSelected] = useState<string | null>(null);
  const person = list.items.find((r) => r.personId === selected) ?? null;
  const whyId = useId();

  return (
    <>
      <div className="title-row">
        <h1>Controllers</h1>
        <DownloadButton url={briefingUrl(q)} filename={`controllers-${q.scope}-${q.month}.xlsx`} className="secondary">
          Download the briefing workbook
        </DownloadButton>
      </div>
      <WindowPicker session={session} path="/controllers" q={q} />
      <p className="hint">
        Ranked by their place in the network (command, lines above, insulation from police contact), not by how often police met them. Children and exploited people are not
        ranked here: they are on the <a href={href('/safeguarding', windowParams(q))}>safeguarding list</a>. <em>Old rank</em> is the place the old ordering by police
        contacts gave them.
      </p>
      <Progress loaded={list.items.length} total={list.total} done={list.done} what="people" />
      {!!list.error && <ErrorMessage error={list.error} title="The list could not be loaded in full." />}
      {list.done && list.items.length === 0 && <p>No one is ranked in this scope and window: no accepted returns name anyone on a line.</p>}
      {list.items.length > 0 && (
        <div className="split">
          <RankedTable rows={list.items} byContacts={byContacts} contactsDone={contacts.done} selected={selected} onSelect={setSelected} q={q} whyId={whyId} />
          {person ? (
            <Why person={person} headingId={whyId} />
          ) : (
            <aside className="why empty">
              <p>Select a row (click it, or move with the arrow keys) to see why that person is ranked where they are.</p>
            </aside>
          )}
        </div>
      )}
    </>
  );
}

export function Progress({ loaded, total, done, what }: { loaded: number; total: number | null; done: boolean; what: string }) {
  if (total === null) return <p role="status" className="loading">Loading the list…</p>;
  return (
    <div className="progress-line" role="status" aria-live="polite">
      {done ? (
        <span>
          {formatCount(total)} {what}
        </span>
      ) : (
        <>
          <span>
            Loaded {formatCount(loaded)} of {formatCount(total)} {what}…
          </span>
          <progress max={total} value={loaded} aria-label={`Loaded ${loaded} of ${total}`} />
        </>
      )}
    </div>
  );
}

function RankedTable(props: {
  rows: Ranked[];
  byContacts: Map<string, number | null>;
  contactsDone: boolean;
  selected: string | null;
  onSelect: (id: string) => void;
  q: WindowQuery;
  whyId: string;
}) {
  const { rows, byContacts, contactsDone, selected, onSelect, q } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const selectedIndex = selected ? rows.findIndex((r) => r.personId === selected) : -1;

  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    onSelect(rows[i]!.personId);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in keys) move((selectedIndex < 0 ? -1 : selectedIndex) + keys[e.key]!);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'Enter' && selectedIndex >= 0 && e.target === e.currentTarget) navigate(`/people/${rows[selectedIndex]!.personId}`, windowParams(q));
    else return;
    e.preventDefault();
  };

  return (
    <div className="vtable" role="table" aria-label="Controlling minds, highest ranked first" aria-rowcount={rows.length + 1} data-rows={rows.length}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vrow vhead">
          <span role="columnheader">Rank</span>
          <span role="columnheader">Name</span>
          <span role="columnheader">Forces</span>
          <span role="columnheader" className="num">
            Lines
          </span>
          <span role="columnheader">Flags</span>
          <span role="columnheader" className="num">
            Score
          </span>
          <span role="columnheader" className="num" title="Rank in the old ordering, by number of police contacts">
            Old rank
          </span>
          <span role="columnheader">
            <span className="visually-hidden">Explanation</span>
          </span>
        </div>
      </div>
      <div
        ref={scroller}
        className="vscroll"
        role="rowgroup"
        tabIndex={0}
        aria-label="Ranked people: arrow keys move the selection, Enter opens the person"
        onKeyDown={onKey}
      >
        <div className="vspace" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = rows[v.index]!;
            const name = personName(r.names, r.personId);
            const isSelected = r.personId === selected;
            const contactsRank = byContacts.get(r.personId);
            return (
              <div
                // Keyed by slot, not person: a row scrolled away is reused for the one scrolled in
                // (new text in the same elements), cheaper than unmounting and mounting a row.
                key={v.index % SLOTS}
                role="row"
                aria-rowindex={v.index + 2}
                data-selected={isSelected || undefined}
                className="vrow"
                data-person={r.personId}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(r.personId)}
              >
                <span role="cell" className="rank">
                  {r.rank ?? '—'}
                </span>
                {/* Fixed-height rows cut a long name short: the whole of it shows on hover. */}
                <span role="cell" className="name" title={name}>
                  <a href={href(`/people/${r.personId}`, windowParams(q))} onClick={(e) => e.stopPropagation()}>
                    {name}
                  </a>
                </span>
                <span role="cell" className="forces" title={r.forces.join(', ')}>
                  {r.forces.join(', ')}
                </span>
                <span role="cell" className="num">
                  {r.lines.length}
                </span>
                <span role="cell">
                  {flagWords(r.flags).map((f) => (
                    <span key={f} className={`badge flag-${f}`}>
                      {f}
                    </span>
                  ))}
                </span>
                <span role="cell" className="num">
                  {formatScore(r.score)}
                </span>
                <span role="cell" className="num">
                  {contactsRank === undefined ? (contactsDone ? '—' : '…') : (contactsRank ?? '—')}
                </span>
                <span role="cell">
                  <button type="button" className="link" aria-pressed={isSelected} aria-label={`Why is ${name} ranked ${r.rank ?? ''}?`} onClick={(e) => (e.stopPropagation(), onSelect(r.personId))}>
                    Why
                  </button>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
