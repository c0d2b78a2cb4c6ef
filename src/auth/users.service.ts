import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, sqlState } from '../errors.js';
import { findForce, isRegion } from '../reference/forces.js';
import type { CredentialCache } from './credential-cache.js';
import { roleSchema, type Principal } from './principal.js';
import { hashToken, newToken } from './tokens.js';
import { looksLikeId, type UserRow, type UsersRepository } from './users.repository.js';

export const newUserSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
    // Routes take a user's id or name: a name shaped like an id could stand for another user (issue #12).
    .refine((n) => !looksLikeId(n), 'must not look like a user id'),
  role: roleSchema,
  force: z.string().trim().toUpperCase().optional(),
  region: z.string().trim().toUpperCase().optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

export function createUsersService({
  repo,
  tokenTtlDays,
  credentials,
  now = () => new Date(),
}: {
  repo: UsersRepository;
  tokenTtlDays: number;
  credentials: CredentialCache;
  now?: () => Date;
}) {
  /** The one user an id or a name stands for; when it is one user's id and another's name, neither is guessed. */
  async function resolve(idOrName: string) {
    const found = await repo.findUsers({ idOrName });
    if (found.length === 0) throw new AppError('users.not_found', 404, `No user "${idOrName}".`);
    if (found.length > 1) {
      throw new AppError('users.ambiguous', 409, `"${idOrName}" is one user's id and another user's name; rename the user "${idOrName}" and use the id.`);
    }
    return found[0];
  }

  return {
    async addUser(input: NewUser) {
      const u = newUserSchema.parse(input);
      if (u.role === 'FORCE_ANALYST' && !(u.force && findForce(u.force)?.code === u.force)) {
        throw new AppError('users.force_required', 400, 'A FORCE_ANALYST needs --force with a force code such as LEI.');
      }
      if (u.role === 'ROCU_ANALYST' && !(u.region && isRegion(u.region) && u.region !== 'NATIONAL')) {
        throw new AppError('users.region_required', 400, 'A ROCU_ANALYST needs --region with a region code such as EAST_MIDLANDS.');
      }
      try {
        return await repo.insertUser({
          id: randomUUID(),
          name: u.name,
          role: u.role,
          force: u.role === 'FORCE_ANALYST' ? u.force! : null,
          region: u.role === 'ROCU_ANALYST' ? u.region! : null,
        });
      } catch (err) {
        if (sqlState(err) === '23505') throw new AppError('users.name_taken', 409, `A user named "${u.name}" already exists.`);
        throw err;
      }
    },
    listUsers: () => repo.listUsers(),
    /** The one user an id or a name stands for (404 when none, 409 when it is one's id and another's name). */
    findUser: (idOrName: string) => resolve(idOrName),
    async setDisabled(idOrName: string, disabled: boolean) {
      const user = await resolve(idOrName);
      const changed = await repo.setDisabled({ id: user.id, disabled });
      credentials.forgetAll();
      if (!changed) {
        throw new AppError('users.last_admin', 409, `"${user.name}" is the last enabled administrator; add or enable another ADMIN first, or nobody could manage users.`);
      }
      return { ...user, disabled };
    },
    /** Issues a token; the plain token is returned once and only its hash is kept. */
    async issueToken(idOrName: string, opts: { days?: number; label?: string } = {}) {
      const user = await resolve(idOrName);
      if (user.disabled) throw new AppError('users.disabled', 409, `User "${user.name}" is disabled.`);
      const token = newToken();
      const expiresAt = new Date(now().getTime() + (opts.days ?? tokenTtlDays) * 86_400_000);
      const row = await repo.insertToken({ id: randomUUID(), userId: user.id, hash: hashToken(token), label: opts.label ?? null, expiresAt });
      return { id: row.id, token, expiresAt, user: user.name };
    },
    /** A user's tokens, live or not, oldest first: ids and dates only, the hash stays here. */
    async listTokens(idOrName: string) {
      const user = await resolve(idOrName);
      const rows = await repo.listTokens({ userId: user.id });
      return rows.map(({ id, label, createdAt, expiresAt, revokedAt }) => ({ id, label, createdAt, expiresAt, revokedAt }));
    },
    async revokeToken(id: string) {
      const revoked = await repo.revokeToken({ id, at: now() });
      credentials.forgetAll();
      if (!revoked) {
        throw new AppError('tokens.not_found', 404, 'No live token with that id.');
      }
    },
    /** The one authentication step for tokens: a token in, its principal and expiry (or nothing) out. */
    async authenticateToken(token: string): Promise<{ principal: Principal; expiresAt: Date } | null> {
      const look = async () => {
        const found = await repo.findActiveToken({ hash: hashToken(token), now: now() });
        return found ? { principal: toPrincipal(found.user, found.token.id), expiresAt: found.token.expiresAt } : null;
      };
      return credentials.get(`token:${hashToken(token)}`, look, (f) => f.expiresAt.getTime());
    },
    async authenticate(token: string): Promise<Principal | null> {
      return (await this.authenticateToken(token))?.principal ?? null;
    },
    /** On an empty database: an ADMIN named `admin` and a one-day token, or null when users exist. */
    async bootstrapAdmin() {
      if ((await repo.countUsers()) > 0) return null;
      await this.addUser({ name: 'admin', role: 'ADMIN' });
      return this.issueToken('admin', { days: 1, label: 'first start' });
    },
  };
}

export function toPrincipal(user: UserRow, credentialId: string): Principal {
  return { userId: user.id, name: user.name, role: roleSchema.parse(user.role), force: user.force, region: user.region, credentialId };
}

export type UsersService = ReturnType<typeof createUsersService>;
