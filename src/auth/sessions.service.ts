import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CredentialCache } from './credential-cache.js';
import type { Principal } from './principal.js';
import type { SessionsRepository } from './sessions.repository.js';
import { hashToken } from './tokens.js';
import { toPrincipal, type UsersService } from './users.service.js';

export interface LiveSession {
  id: string;
  principal: Principal;
  expiresAt: Date;
  csrfToken: string;
}

/** `lastSeenAt` moves at most this often: a page of requests costs one write, not one each. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The CSRF token is derived from the session's secret cookie value, so it is
 * never stored, cannot be computed without the cookie (which scripts cannot
 * read: HttpOnly), and `GET /session` can hand it back after a page reload.
 */
export function csrfTokenFor(cookieValue: string): string {
  return createHmac('sha256', cookieValue).update('clim-csrf-v1').digest('base64url');
}

export function csrfMatches(cookieValue: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const want = Buffer.from(csrfTokenFor(cookieValue));
  const got = Buffer.from(sent);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Console sign-in (issue #9): a token is exchanged once for a session held
 * server-side; the browser keeps only a random cookie whose SHA-256 is stored.
 */
export function createSessionsService({
  repo,
  users,
  idleMinutes,
  maxHours,
  credentials,
  now = () => new Date(),
}: {
  repo: SessionsRepository;
  users: Pick<UsersService, 'authenticateToken'>;
  idleMinutes: number;
  maxHours: number;
  credentials: CredentialCache;
  now?: () => Date;
}) {
  const idleSince = (at: Date) => new Date(at.getTime() - idleMinutes * 60_000);

  return {
    /**
     * A token in; a new session and the cookie value to set, or null for a token that is not valid.
     * The browser's previous session, if it sent one, ends: its cookie is about to be overwritten,
     * and a copy of it kept elsewhere must not outlive that.
     */
    async signIn(token: string, previousCookie?: string): Promise<(LiveSession & { cookieValue: string }) | null> {
      const found = await users.authenticateToken(token);
      if (!found) return null;
      const at = now();
      if (previousCookie) await repo.deleteByHash({ hash: hashToken(previousCookie) });
      await repo.deleteEnded({ now: at, idleSince: idleSince(at) });
      const cookieValue = randomBytes(32).toString('base64url');
      const id = randomUUID();
      const maxEnd = at.getTime() + maxHours * 3_600_000;
      const expiresAt = new Date(Math.min(maxEnd, found.expiresAt.getTime()));
      await repo.insert({ id, userId: found.principal.userId, tokenId: found.principal.credentialId, hash: hashToken(cookieValue), createdAt: at, lastSeenAt: at, expiresAt });
      return { id, principal: found.principal, expiresAt, csrfToken: csrfTokenFor(cookieValue), cookieValue };
    },

    /** The session this cookie names, if still live; its idle clock is moved on (session bookkeeping). */
    async authenticate(cookieValue: string): Promise<LiveSession | null> {
      const hash = hashToken(cookieValue);
      const look = async () => {
        const at = now();
        const found = await repo.findLive({ hash, now: at, idleSince: idleSince(at) });
        if (!found) return null;
        const { session, user, tokenExpiresAt } = found;
        if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await repo.touch({ id: session.id, at });
        const live = { id: session.id, principal: { ...toPrincipal(user, session.tokenId), sessionId: session.id }, expiresAt: session.expiresAt, csrfToken: csrfTokenFor(cookieValue) };
        return { live, until: Math.min(session.expiresAt.getTime(), tokenExpiresAt.getTime(), at.getTime() + idleMinutes * 60_000) };
      };
      return (await credentials.get(`session:${hash}`, look, (f) => f.until))?.live ?? null;
    },

    async signOut(id: string) {
      await repo.delete({ id });
      credentials.forgetAll();
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
