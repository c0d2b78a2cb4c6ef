import { parseArgs } from 'node:util';
import { table, type CliIo } from '../io.js';
import { audited, positiveInt } from '../operator.js';
import { withServices } from '../with-services.js';

const USAGE = `usage:
  clim users add --name NAME --role FORCE_ANALYST|ROCU_ANALYST|NCLCC_ANALYST|ADMIN [--force LEI] [--region EAST_MIDLANDS]
  clim users list
  clim users disable NAME
  clim tokens issue --user NAME [--days 90] [--label TEXT]
  clim tokens revoke TOKEN_ID
`;

export async function runUsers(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, force: { type: 'string' }, region: { type: 'string' } },
  });
  return withServices(async (services) => {
    const { users } = services;
    if (sub === 'add') {
      const u = await users.addUser({ name: values.name ?? '', role: (values.role ?? '') as never, force: values.force, region: values.region });
      await audited(services, 'users.add', { kind: 'user', id: u.id }, { name: u.name, role: u.role });
      io.stdout.write(`added ${u.name} (${u.role}${u.force ? ` ${u.force}` : ''}${u.region ? ` ${u.region}` : ''}) id ${u.id}\n`);
      return 0;
    }
    if (sub === 'list') {
      const rows = await users.listUsers();
      const scope = (u: (typeof rows)[number]) => u.force ?? u.region ?? (u.role === 'ADMIN' ? '-' : 'NATIONAL');
      io.stdout.write(table([['NAME', 'ROLE', 'SCOPE', 'DISABLED', 'ID'], ...rows.map((u) => [u.name, u.role, scope(u), u.disabled ? 'yes' : '', u.id])]));
      return 0;
    }
    if (sub === 'disable' && positionals[0]) {
      const u = await users.setDisabled(positionals[0], true);
      await audited(services, 'users.disable', { kind: 'user', id: u.id });
      io.stdout.write(`disabled ${u.name}: their tokens stop working now\n`);
      return 0;
    }
    io.stderr.write(USAGE);
    return 2;
  });
}

export async function runTokens(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { user: { type: 'string' }, days: { type: 'string' }, label: { type: 'string' } },
  });
  const days = values.days ? positiveInt(values.days, '--days', 366) : undefined;
  return withServices(async (services) => {
    const { users } = services;
    if (sub === 'issue' && values.user) {
      const t = await users.issueToken(values.user, { days, label: values.label });
      await audited(services, 'tokens.issue', { kind: 'token', id: t.id }, { user: t.user });
      io.stderr.write(`token ${t.id} for ${t.user}, expires ${t.expiresAt.toISOString()} — shown once, keep it safe:\n`);
      io.stdout.write(`${t.token}\n`);
      return 0;
    }
    if (sub === 'revoke' && positionals[0]) {
      await users.revokeToken(positionals[0]);
      await audited(services, 'tokens.revoke', { kind: 'token', id: positionals[0] });
      io.stdout.write(`revoked ${positionals[0]}\n`);
      return 0;
    }
    io.stderr.write(USAGE);
    return 2;
  });
}
