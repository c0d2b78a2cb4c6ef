import { href, useRoute } from '../router';
import { AuditLog } from './AuditLog';
import { UserTokens } from './UserTokens';
import { Users } from './Users';
import './admin.css';

const SECTIONS = [
  { path: '/', label: 'Users' },
  { path: '/audit', label: 'Audit log' },
];

/** The administrator's console: users and their tokens, and the audit log. No intelligence is shown here (issue #6). */
export default function AdminConsole() {
  const { path, params } = useRoute();
  const tokensOf = /^\/users\/([^/]+)$/.exec(path)?.[1];
  const section = path.startsWith('/audit') ? '/audit' : '/';
  return (
    <>
      <h1>Administration</h1>
      <nav aria-label="Administration" className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a href={href(s.path)} aria-current={s.path === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {section === '/audit' ? <AuditLog params={params} /> : tokensOf ? <UserTokens userId={decodeURIComponent(tokensOf)} /> : <Users />}
    </>
  );
}
