import { lazy, Suspense, useEffect, useRef } from 'react';
import { messageOf } from './api/errors';
import { useWindowJobs } from './api/pending';
import { useSession, useSignOut, type Session } from './api/session';
import { href, useRoute } from './router';
import { ErrorMessage, Loading } from './screens/common';
import { HistoryScreen } from './screens/History';
import { ReportScreen } from './screens/Report';
import { SignIn } from './screens/SignIn';
import { ThisMonth } from './screens/ThisMonth';
import { UploadScreen } from './screens/Upload';
import { isCentrePath } from './network/paths';

// Administrators see only administration; analysts never load its code.
const AdminConsole = lazy(() => import('./admin/AdminConsole'));
const CentreScreens = lazy(() => import('./network/CentreScreens'));
const RegionScreens = lazy(() => import('./regions/RegionScreens'));

interface NavItem {
  path: string;
  label: string;
}

function navFor(session: Session): NavItem[] {
  switch (session.user.role) {
    case 'FORCE_ANALYST':
      return [
        { path: '/', label: 'This month' },
        { path: '/upload', label: 'Upload' },
        { path: '/history', label: 'History' },
        { path: '/controllers', label: 'Controllers' },
        { path: '/safeguarding', label: 'Safeguarding' },
      ];
    case 'ROCU_ANALYST':
    case 'NCLCC_ANALYST':
      return [
        { path: '/', label: 'Returns by force' },
        { path: '/history', label: 'History' },
        { path: '/region', label: 'Region' },
        { path: '/controllers', label: 'Controllers' },
        { path: '/safeguarding', label: 'Safeguarding' },
      ];
    case 'ADMIN':
      return [{ path: '/', label: 'Administration' }];
  }
}

function scopeOf(session: Session): string {
  const { role, force, region } = session.user;
  if (role === 'FORCE_ANALYST') return `force analyst, ${force}`;
  if (role === 'ROCU_ANALYST') return `regional analyst, ${region?.replace(/_/g, ' ').toLowerCase()}`;
  if (role === 'NCLCC_ANALYST') return 'national analyst';
  return 'administrator';
}

export function App() {
  const session = useSession();
  if (session.isPending) return <Loading label="Checking your session…" />;
  if (session.isError)
    return (
      <main className="page narrow">
        <h1>County lines matrix</h1>
        <ErrorMessage error={session.error} />
        <button type="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </main>
    );
  if (!session.data) return <SignIn />;
  return <SignedIn session={session.data} />;
}

function SignedIn({ session }: { session: Session }) {
  const route = useRoute();
  const signOut = useSignOut();
  const nav = navFor(session);
  const main = useRef<HTMLElement>(null);
  // A new screen: move focus to its heading region so keyboard and screen-reader users start there.
  useEffect(() => {
    main.current?.focus();
  }, [route.path]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">County lines matrix</span>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={isCurrent(route.path, item.path) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {session.user.name} <span className="muted">({scopeOf(session)})</span>
          </span>
          <button type="button" className="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      {signOut.isError && (
        <p role="alert" className="banner error">
          {messageOf(signOut.error)}
        </p>
      )}
      <WindowProgress />
      <main id="main" ref={main} tabIndex={-1} className="page">
        <Screen session={session} path={route.path} params={route.params} />
      </main>
    </>
  );
}

/** The network windows this page is waiting for, and how far along each is. */
function WindowProgress() {
  const jobs = useWindowJobs();
  // Windows asked for one after another (changing month, then span) are one line each per place and stage.
  const lines = new Map<string, number>();
  for (const j of jobs) {
    const line = `Working out the network for ${j.scope === 'NATIONAL' ? 'the country' : j.scope.replace(/_/g, ' ').toLowerCase()}: ${j.stage}`;
    lines.set(line, (lines.get(line) ?? 0) + 1);
  }
  return (
    <div role="status" aria-live="polite" className={jobs.length ? 'banner info' : 'visually-hidden'}>
      {[...lines].map(([line, n]) => (
        <p key={line}>
          {line}
          {n > 1 ? ` (${n} windows)` : ''}…
        </p>
      ))}
    </div>
  );
}

const isCurrent = (path: string, item: string) => (item === '/' ? path === '/' : path.startsWith(item));

function Screen({ session, path, params }: { session: Session; path: string; params: URLSearchParams }) {
  const role = session.user.role;
  if (role === 'ADMIN')
    return (
      <Suspense fallback={<Loading label="Loading administration…" />}>
        <AdminConsole />
      </Suspense>
    );
  const month = params.get('month') ?? undefined;
  if (path === '/upload' && role === 'FORCE_ANALYST') return <UploadScreen />;
  if (role !== 'FORCE_ANALYST' && (path === '/region' || path.startsWith('/region/'))) return <Suspense fallback={<Loading label="Loading…" />}><RegionScreens session={session} path={path} params={params} /></Suspense>;
  if (path === '/history') return <HistoryScreen session={session} month={month} force={params.get('force') ?? undefined} />;
  const report = /^\/returns\/([\w-]+)$/.exec(path);
  if (report?.[1]) return <ReportScreen id={report[1]} />;
  if (path === '/') return <ThisMonth session={session} month={month} />;
  if (isCentrePath(path))
    return (
      <Suspense fallback={<Loading label="Loading…" />}>
        <CentreScreens session={session} path={path} params={params} />
      </Suspense>
    );
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no screen at this address. <a href={href('/')}>Go to the start</a>.
      </p>
    </>
  );
}
