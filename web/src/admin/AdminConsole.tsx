import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { formatTime } from '../format';
import { ErrorMessage, Loading } from '../screens/common';

/**
 * First version of the administrator's screen (read-only list of users). The
 * console-server engineer owns web/src/admin/ and replaces this with the full
 * user and token screens (see CONTRACT.md).
 */
export default function AdminConsole() {
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => unwrap(api.GET('/api/v1/admin/users')) });
  return (
    <>
      <h1>Administration</h1>
      {users.isPending && <Loading label="Loading users…" />}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && (
        <table>
          <caption>Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Force or region</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.role}</td>
                <td>{u.force ?? u.region ?? '—'}</td>
                <td>{formatTime(u.createdAt)}</td>
                <td>{u.disabled ? 'Disabled' : 'Active'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
