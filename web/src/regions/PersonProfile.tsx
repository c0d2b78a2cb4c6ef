import { formatMonth, roleWords } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { networkScope, useLines, useMerge, usePeople, usePersonLinks } from './api';
import { Enrich } from './Enrich';
import { PersonLinks } from './PersonLinks';
import { Joins, OwnData, Records, SourcedTable } from './Provenance';
import type { RegionProps } from './RegionScreens';
import { forceName, personName, provenance, ukDate, ukPhone, unitOf } from './words';

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
                  <td>{roleWords(l.role)}</td>
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
      <Enrich region={region} subject={{ personId: person.id, name: personName(person) }} people={people.data ?? []} unit={unit} />
    </>
  );
}
