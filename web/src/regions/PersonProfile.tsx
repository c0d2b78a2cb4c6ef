import { useId, useState } from 'react';
import { formatMonth } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { networkScope, useEnrich, useLines, useMerge, usePeople, usePersonLinks, type MergedPerson, type Relationship } from './api';
import { PersonLinks } from './PersonLinks';
import { Joins, OwnData, Records, SourcedTable } from './Provenance';
import type { RegionProps } from './RegionScreens';
import { forceName, personName, provenance, RELATIONSHIPS, ukDate, ukPhone, unitOf } from './words';

// A person of the latest merge: every value with the rows behind it, the lines
// and roles, why the records were joined, and the ROCU's own additions.

export function PersonProfile({ region, id, link }: RegionProps & { id: string }) {
  const { merge, error, isPending } = useMerge({ region });
  const people = usePeople({ region, mergeId: merge?.id });
  const person = people.data?.find((p) => p.id === id);
  const links = usePersonLinks({ scope: networkScope(region), id, month: person ? merge?.month : undefined });
  const lines = useLines({ region, mergeId: person ? merge?.id : undefined });
  const lineName = (lineId: string) => lines.data?.find((l) => l.id === lineId)?.names[0]?.value ?? lineId;

  if (isPending || people.isPending) return <Loading label="Loading the person…" />;
  if (error || people.isError) return <ErrorMessage error={error ?? people.error} />;
  if (!merge || !person)
    return (
      <>
        <h1>Person {id}</h1>
        <p>
          {id} is not in the region’s latest merge (records joined by a later merge go by the other id). <a href={link('/region/people')}>Search the people</a>.
        </p>
      </>
    );
  const unit = unitOf(region);
  return (
    <>
      <p className="crumbs">
        <a href={link('/region/people')}>People and lines</a> › {person.id}
      </p>
      <h1>
        {personName(person)} <span className="muted">{person.id}</span>
      </h1>
      <p>
        Reported by {person.forces.map(forceName).join(', ')} in {person.months.map(formatMonth).join(', ')}. Merge of {formatMonth(merge.month)}.
        {person.exploited === 'YES' && <strong> Recorded as exploited.</strong>}
      </p>
      {person.handlingConditions.length > 0 && <p className="handling-note">Handling conditions: {person.handlingConditions.join('; ')}</p>}
      <SourcedTable
        caption="What the forces reported, and where"
        rows={[
          { label: 'Surname', values: person.surnames },
          { label: 'Forenames', values: person.forenames },
          { label: 'Date of birth', values: person.dobs, format: ukDate },
          { label: 'PNC ID', values: person.pncIds },
          { label: 'Gender', values: person.genders },
          { label: 'Phones', values: person.phones, format: ukPhone },
          { label: 'Street names', values: person.streetNames },
          { label: 'Home postcode district', values: person.postcodeDistricts },
          { label: 'Home force', values: person.homeForces },
          { label: 'Vulnerabilities', values: person.vulnerabilities },
        ]}
      />
      <h2>Lines and roles</h2>
      {links.isPending && <Loading label="Loading the lines…" />}
      {links.isError && <ErrorMessage error={links.error} />}
      {links.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Lines the person is on, with role and provenance</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Role</th>
                <th scope="col">Force's ref</th>
                <th scope="col">Police contacts</th>
                <th scope="col">Reported by</th>
              </tr>
            </thead>
            <tbody>
              {links.data.links.map((l) => (
                <tr key={`${l.lineId}-${l.force}-${l.month}-${l.nominalRef}-${l.role}`}>
                  <td>
                    <a href={link(`/region/lines/${l.lineId}`)}>{lineName(l.lineId)}</a> <span className="muted">({l.force} {l.lineRef})</span>
                  </td>
                  <td>{l.role.toLowerCase().replace(/_/g, ' ')}</td>
                  <td>{l.nominalRef}</td>
                  <td>{l.policeContacts}</td>
                  <td>{provenance(l.evidence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Force records</h2>
      <Records records={person.records} />
      <h2>Why these records are one person</h2>
      <Joins edges={person.edges} confidence={person.confidence} />
      <h2>Links to other people</h2>
      <PersonLinks id={person.id} scope={networkScope(region)} month={merge.month} unit={unit} link={link} nameOf={(pid) => { const p = people.data?.find((x) => x.id === pid); return p && personName(p); }} />
      <h2>{unit}’s own data</h2>
      <OwnData notes={person.notes} ocgUrns={person.ocgUrns} unit={unit} />
      <Enrich region={region} person={person} people={people.data ?? []} unit={unit} />
    </>
  );
}

type Kind = 'ocg' | 'note' | 'association';

function Enrich({ region, person, people, unit }: { region: string; person: MergedPerson; people: MergedPerson[]; unit: string }) {
  const id = useId();
  const enrich = useEnrich({ region });
  const [kind, setKind] = useState<Kind>('ocg');
  const [value, setValue] = useState('');
  const [relationship, setRelationship] = useState<Relationship>('DIRECTS');
  const [find, setFind] = useState('');
  const [target, setTarget] = useState('');
  const [added, setAdded] = useState<string[]>([]);
  const q = find.trim().toUpperCase();
  const candidates = q.length < 2 ? [] : people.filter((p) => p.id !== person.id && (p.id.includes(q) || personName(p).toUpperCase().includes(q))).slice(0, 30);

  const submit = () => {
    const body =
      kind === 'ocg'
        ? { kind, personId: person.id, ocgUrn: value.trim() }
        : kind === 'note'
          ? { kind, personId: person.id, text: value.trim() }
          : { kind, personId: person.id, targetPersonId: target, relationship };
    const other = people.find((p) => p.id === target);
    const what =
      kind === 'ocg' ? `OCG URN ${value.trim()}` : kind === 'note' ? `note “${value.trim()}”` : `${personName(person)} ${RELATIONSHIPS.find((r) => r.value === relationship)?.label} ${other ? personName(other) : target}`;
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
      <p className="hint">Kept apart from the forces’ returns. It shows on this person from the next merge, and links feed the network analysis.</p>
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
          ).map(([k, label]) => (
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
              <label htmlFor={`${id}-rel`}>{personName(person)}…</label>
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
