import { formatMonth, roleWords } from '../format';
import type { ReviewPair } from './api';
import type { RegionProps } from './RegionScreens';
import { forceName, ukDate } from './words';

// A review pair's two records side by side, and its evidence in the API's words.

/** For and against, strongest first; comparisons with nothing on one side folded into one line. */
export function Evidence({ evidence }: { evidence: ReviewPair['evidence'] }) {
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

const PERSON_ROWS: { label: string; field: string; format?: (v: string) => string }[] = [
  { label: 'Surname', field: 'surname' },
  { label: 'Forenames', field: 'forenames' },
  { label: 'Date of birth', field: 'dob', format: ukDate },
  { label: 'PNC ID', field: 'pncId' },
  { label: 'Phones', field: 'phones' },
  { label: 'Street names', field: 'streetNames' },
  { label: 'Home postcode district', field: 'postcodeDistrict' },
  { label: 'Gender', field: 'gender' },
  { label: 'Role', field: 'role', format: roleWords },
];
const LINE_ROWS: { label: string; field: string; format?: (v: string) => string }[] = [
  { label: 'Line name', field: 'name' },
  { label: 'Deal numbers', field: 'dealNumbers' },
  { label: 'Exporting force', field: 'exportingForce' },
  { label: 'Exporting area', field: 'exportingArea' },
  { label: 'Importing areas', field: 'importingAreas' },
  { label: 'Line status', field: 'status' },
];

export function SideBySide({ pair, lineName, link }: { pair: ReviewPair; lineName: (force: string, ref: string) => string | undefined; link: RegionProps['link'] }) {
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
