import { useId, useState } from 'react';
import { ErrorMessage } from '../screens/common';
import { useEnrich, type MergedPerson, type Relationship } from './api';
import { personName, RELATIONSHIPS, ukDate } from './words';

// The ROCU's own additions to a merged person or line: an OCG URN, a note, or
// (people only) a link to another person. Stored by the service apart from the
// forces' returns (POST /regions/:region/enrichments); the merge picks them up.

type Kind = 'ocg' | 'note' | 'association';

/** What is being enriched: a merged person (who may also be linked to another) or a merged line. */
export type Subject = { personId: string; name: string } | { lineId: string; name: string };

export function Enrich({ region, subject, people, unit }: { region: string; subject: Subject; people: MergedPerson[]; unit: string }) {
  const ids = 'personId' in subject ? { personId: subject.personId } : { lineId: subject.lineId };
  const id = useId();
  const enrich = useEnrich({ region });
  const [kind, setKind] = useState<Kind>('ocg');
  const [value, setValue] = useState('');
  const [relationship, setRelationship] = useState<Relationship>('DIRECTS');
  const [find, setFind] = useState('');
  const [target, setTarget] = useState('');
  const [added, setAdded] = useState<string[]>([]);
  const q = find.trim().toUpperCase();
  const candidates = q.length < 2 ? [] : people.filter((p) => p.id !== ids.personId && (p.id.includes(q) || personName(p).toUpperCase().includes(q))).slice(0, 30);

  const submit = () => {
    const body =
      kind === 'ocg'
        ? { kind, ...ids, ocgUrn: value.trim() }
        : kind === 'note'
          ? { kind, ...ids, text: value.trim() }
          : { kind, ...ids, targetPersonId: target, relationship };
    const other = people.find((p) => p.id === target);
    const what =
      kind === 'ocg' ? `OCG URN ${value.trim()}` : kind === 'note' ? `note “${value.trim()}”` : `${subject.name} ${RELATIONSHIPS.find((r) => r.value === relationship)?.label} ${other ? personName(other) : target}`;
    enrich.mutate(body, {
      onSuccess: (row) => {
        setAdded((a) => [...a, `${what} — added by ${row.authorName}`]);
        setValue('');
      },
    });
  };
  const ready = kind === 'association' ? !!target : value.trim().length > 0;

  return (
    <section className="enrich" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Add to {unit}’s own data</h3>
      <p className="hint">Kept apart from the forces’ returns. It shows here from the next merge, and links feed the network analysis.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) submit();
        }}
      >
        <fieldset>
          <legend>What to add</legend>
          {(
            [
              ['ocg', 'An OCG URN'],
              ['note', 'A note'],
              ['association', 'A link to another person'],
            ] as const
          ).filter(([k]) => k !== 'association' || 'personId' in subject).map(([k, label]) => (
            <label key={k} className="radio">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {label}
            </label>
          ))}
        </fieldset>
        {kind === 'ocg' && (
          <div className="field">
            <label htmlFor={`${id}-urn`}>OCG URN</label>
            <input id={`${id}-urn`} value={value} onChange={(e) => setValue(e.target.value)} maxLength={60} />
          </div>
        )}
        {kind === 'note' && (
          <div className="field">
            <label htmlFor={`${id}-note`}>Note</label>
            <textarea id={`${id}-note`} value={value} onChange={(e) => setValue(e.target.value)} maxLength={2000} rows={3} cols={60} />
          </div>
        )}
        {kind === 'association' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-rel`}>{subject.name}…</label>
              <select id={`${id}-rel`} value={relationship} onChange={(e) => setRelationship(e.target.value as Relationship)}>
                {RELATIONSHIPS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-find`}>Find the other person (name or id)</label>
              <input id={`${id}-find`} type="search" value={find} onChange={(e) => (setFind(e.target.value), setTarget(''))} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-target`}>The other person</label>
              <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">{q.length < 2 ? 'type two letters of a name above' : `${candidates.length} found — choose one`}</option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {personName(p)}
                    {p.dobs[0] ? `, born ${ukDate(p.dobs[0].value)}` : ''} — {p.forces.join(', ')} — {p.id}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <button type="submit" disabled={!ready || enrich.isPending}>
          Add
        </button>
      </form>
      {enrich.isError && <ErrorMessage error={enrich.error} title="Not added." />}
      {added.length > 0 && (
        <div role="status">
          <p>Added (shows from the next merge):</p>
          <ul>
            {added.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
