import type { Session } from '../api/session';
import { ControllersScreen } from './Controllers';
import { LineScreen } from './Line';
import { PersonScreen } from './Person';
import { SafeguardingScreen } from './Safeguarding';
import { windowFrom } from './scope';
import './centre.css';

/** The co-ordination centre's screens (issue #10), each in the scope and window of months the address names. */
export default function CentreScreens({ session, path, params }: { session: Session; path: string; params: URLSearchParams }) {
  const q = windowFrom(session, params);
  const [, what, id] = path.split('/');
  if (what === 'people' && id) return <PersonScreen key={id} session={session} id={id} q={q} />;
  if (what === 'lines' && id) return <LineScreen key={id} session={session} id={id} q={q} />;
  if (what === 'safeguarding') return <SafeguardingScreen session={session} q={q} />;
  return <ControllersScreen session={session} q={q} />;
}
