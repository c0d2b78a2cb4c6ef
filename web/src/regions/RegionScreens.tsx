import { useId } from 'react';
import type { Session } from '../api/session';
import { href, navigate } from '../router';
import { Glance } from './Glance';
import { LineProfile } from './LineProfile';
import { MergeScreen } from './Merge';
import { PeopleSearch } from './PeopleSearch';
import { PersonProfile } from './PersonProfile';
import { ReviewScreen } from './Review';
import { Worklist } from './Worklist';
import { REGION_CODES, regionName } from './words';
import './regions.css';

// The regional analyst's screens under #/region/…: a ROCU analyst works their own
// region; the co-ordination centre chooses a region or NATIONAL (?region=).

const TABS = [
  { path: '/region', label: 'At a glance' },
  { path: '/region/merge', label: 'Merge' },
  { path: '/region/review', label: 'Review queue' },
  { path: '/region/people', label: 'People and lines' },
  { path: '/region/worklist', label: 'Direction worklist' },
];

export interface RegionProps {
  session: Session;
  region: string;
  params: URLSearchParams;
  /** A link within the region's screens, keeping the chosen region. */
  link: (path: string, params?: Record<string, string | undefined>) => string;
  go: (path: string, params?: Record<string, string | undefined>) => void;
}

export default function RegionScreens({ session, path, params }: { session: Session; path: string; params: URLSearchParams }) {
  const national = session.user.role === 'NCLCC_ANALYST';
  const region = national ? (params.get('region') ?? 'NATIONAL') : (session.user.region ?? '');
  const keep = national ? { region } : {};
  const props: RegionProps = {
    session,
    region,
    params,
    link: (p, q) => href(p, { ...keep, ...q }),
    go: (p, q) => navigate(p, { ...keep, ...q }),
  };
  const tab = TABS.slice().reverse().find((t) => path === t.path || path.startsWith(`${t.path}/`) || (t.path === '/region/people' && path.startsWith('/region/lines/')));

  return (
    <>
      <div className="region-bar">
        {national ? <RegionPicker region={region} onChange={(r) => navigate(path, { region: r })} /> : <p className="region-name">{regionName(region)}</p>}
        <nav aria-label="Regional screens">
          <ul className="tabs">
            {TABS.map((t) => (
              <li key={t.path}>
                <a href={props.link(t.path)} aria-current={tab === t ? 'page' : undefined}>
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <RegionScreen path={path} {...props} />
    </>
  );
}

function RegionScreen({ path, ...props }: RegionProps & { path: string }) {
  const person = /^\/region\/people\/([\w-]+)$/.exec(path);
  if (person?.[1]) return <PersonProfile {...props} id={person[1]} />;
  const line = /^\/region\/lines\/([\w-]+)$/.exec(path);
  if (line?.[1]) return <LineProfile {...props} id={line[1]} />;
  switch (path) {
    case '/region':
      return <Glance {...props} />;
    case '/region/merge':
      return <MergeScreen {...props} />;
    case '/region/review':
      return <ReviewScreen {...props} />;
    case '/region/people':
      return <PeopleSearch {...props} />;
    case '/region/worklist':
      return <Worklist {...props} />;
  }
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no regional screen at this address. <a href={props.link('/region')}>Go to the region at a glance</a>.
      </p>
    </>
  );
}

function RegionPicker({ region, onChange }: { region: string; onChange: (region: string) => void }) {
  const id = useId();
  return (
    <div className="field inline">
      <label htmlFor={id}>Region</label>
      <select id={id} value={region} onChange={(e) => onChange(e.target.value)}>
        {['NATIONAL', ...REGION_CODES.filter((r) => r !== 'NATIONAL')].map((r) => (
          <option key={r} value={r}>
            {regionName(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
