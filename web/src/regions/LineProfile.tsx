import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { formatMonth, roleWords } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { networkScope, useLines, useMerge, usePeople } from './api';
import { Enrich } from './Enrich';
import { Joins, OwnData, Records, SourcedTable } from './Provenance';
import type { RegionProps } from './RegionScreens';
import { forceName, personName, provenance, ukPhone, unitOf } from './words';

// A line of the latest merge: names, deal numbers and areas with the rows
// behind them, investigations by force, and the people on it.

export function LineProfile({ region, id, link }: RegionProps & { id: string }) {
  const { merge, error, isPending } = useMerge({ region });
  const lines = useLines({ region, mergeId: merge?.id });
  const line = lines.data?.find((l) => l.id === id);
  const people = usePeople({ region, mergeId: line ? merge?.id : undefined });
  const nameOf = (personId: string) => {
    const p = people.data?.find((x) => x.id === personId);
    return p ? personName(p) : personId;
  };
  const links = useQuery({
    queryKey: ['line-links', region, id, merge?.month],
    enabled: !!line && !!merge,
    queryFn: () => unwrap(api.GET('/api/v1/lines/{id}', { params: { path: { id }, query: { scope: networkScope(region), month: merge!.month, months: 1 } } })),
  });

  if (isPending || lines.isPending) return <Loading label="Loading the line…" />;
  if (error || lines.isError) return <ErrorMessage error={error ?? lines.error} />;
  if (!merge || !line)
    return (
      <>
        <h1>Line {id}</h1>
        <p>
          {id} is not in the region’s latest merge. <a href={link('/region/people')}>Search the lines</a>.
        </p>
      </>
    );
  const flags = [line.childExploitation && 'child exploitation', line.adultExploitation && 'adult exploitation', line.cuckooing && 'cuckooing'].filter(Boolean);
  return (
    <>
      <p className="crumbs">
        <a href={link('/region/people')}>People and lines</a> › {line.id}
      </p>
      <h1>
        Line {line.names[0]?.value ?? line.id} <span className="muted">{line.id}</span>
      </h1>
      <p>
        Reported by {line.forces.map(forceName).join(', ')} in {line.months.map(formatMonth).join(', ')}.{flags.length > 0 && ` Reported: ${flags.join(', ')}.`}
      </p>
      {line.handlingConditions.length > 0 && <p className="handling-note">Handling conditions: {line.handlingConditions.join('; ')}</p>}
      <SourcedTable
        caption="What the forces reported, and where"
        rows={[
          { label: 'Line name', values: line.names },
          { label: 'Deal numbers', values: line.dealNumbers, format: ukPhone },
          { label: 'Exporting force', values: line.exportingForces },
          { label: 'Exporting area', values: line.exportingAreas },
          { label: 'Importing areas', values: line.importingAreas },
          { label: 'Line status', values: line.statuses },
        ]}
      />
      <h2>Investigations</h2>
      <ul>
        {line.investigations.map((i) => (
          <li key={`${i.force}-${i.ref}-${i.month}`}>
            {forceName(i.force)} ({i.ref}), {formatMonth(i.month)}: {i.status === 'ACTIVE_INVESTIGATION' ? 'active investigation' : i.status === 'INTEL_ONLY' ? 'intelligence only' : 'not stated'}
          </li>
        ))}
      </ul>
      <h2>People on the line</h2>
      {links.isPending && <Loading label="Loading the people…" />}
      {links.isError && <ErrorMessage error={links.error} />}
      {links.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">People on the line, with role and provenance</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Force ref</th>
                <th scope="col">Reported by</th>
              </tr>
            </thead>
            <tbody>
              {links.data.links.map((l) => (
                <tr key={`${l.personId}-${l.force}-${l.month}-${l.nominalRef}-${l.role}`}>
                  <td>
                    <a href={link(`/region/people/${l.personId}`)}>{nameOf(l.personId)}</a>
                  </td>
                  <td>{roleWords(l.role)}</td>
                  <td>{l.nominalRef}</td>
                  <td>{provenance(l.evidence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Force records</h2>
      <Records records={line.records} />
      <h2>Why these records are one line</h2>
      <Joins edges={line.edges} confidence={line.confidence} />
      <h2>{unitOf(region)}’s own data</h2>
      <OwnData notes={line.notes} ocgUrns={line.ocgUrns} unit={unitOf(region)} />
      <Enrich region={region} subject={{ lineId: line.id, name: `line ${line.names[0]?.value ?? line.id}` }} people={[]} unit={unitOf(region)} />
    </>
  );
}
