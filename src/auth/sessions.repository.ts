import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { sessions, tokens, users } from '../../db/schema/index.js';
import type { Db } from '../db/client.js';

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionsRepository({ db }: { db: Db }) {
  return {
    async insert(session: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(session);
    },
    /**
     * The session with this hash if it, its token and its user are all still
     * good at `now`: one query, so revoking the token or disabling the user
     * ends the session at its next request.
     */
    async findLive({ hash, now, idleSince }: { hash: string; now: Date; idleSince: Date }) {
      const [row] = await db
        .select({ session: sessions, user: users, tokenExpiresAt: tokens.expiresAt })
        .from(sessions)
        .innerJoin(tokens, eq(tokens.id, sessions.tokenId))
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.hash, hash),
            gt(sessions.expiresAt, now),
            gt(sessions.lastSeenAt, idleSince),
            isNull(tokens.revokedAt),
            gt(tokens.expiresAt, now),
            eq(users.disabled, false),
          ),
        );
      return row;
    },
    async touch({ id, at }: { id: string; at: Date }): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async delete({ id }: { id: string }): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteByHash({ hash }: { hash: string }): Promise<void> {
      await db.delete(sessions).where(eq(sessions.hash, hash));
    },
    /** Sessions past either limit; their rows are of no further use. */
    async deleteEnded({ now, idleSince }: { now: Date; idleSince: Date }): Promise<void> {
      await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleSince)));
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
