import { and, asc, eq, exists, gt, isNull, ne, or } from 'drizzle-orm';
import { tokens, users } from '../../db/schema/index.js';
import type { Db, Tx } from '../db/client.js';

/** A user id as the service issues them (a UUID); names may not look like one. */
export const looksLikeId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s.trim());

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof tokens.$inferSelect;

export function createUsersRepository({ db }: { db: Db }) {
  return {
    async insertUser(user: typeof users.$inferInsert, tx: Tx = db): Promise<UserRow> {
      const [row] = await tx.insert(users).values(user).returning();
      return row;
    },
    async listUsers(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(asc(users.name));
    },
    /** Users whose id or name is this text: two rows when one user's name is another's id (from before such names were refused). */
    async findUsers({ idOrName }: { idOrName: string }): Promise<UserRow[]> {
      // Anything else compared with a uuid column is a database error (22P02), not "no such user".
      const byName = eq(users.name, idOrName);
      return db
        .select()
        .from(users)
        .where(looksLikeId(idOrName) ? or(eq(users.id, idOrName), byName) : byName)
        .orderBy(asc(users.id));
    },
    async countUsers(): Promise<number> {
      return db.$count(users);
    },
    /**
     * Disables or enables a user. Disabling the last enabled ADMIN changes
     * nothing and returns false: the check and the change are one statement.
     */
    /** False when it would disable the last enabled administrator. */
    async setDisabled({ id, disabled }: { id: string; disabled: boolean }): Promise<boolean> {
      return db.transaction(async (tx) => {
        // Two administrators disabling each other at once would each still see the other enabled (read
        // committed) and leave none: the enabled administrators' rows are locked first, so the second waits
        // and then sees the first's change.
        if (disabled) await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'ADMIN'), eq(users.disabled, false))).for('update');
        const otherAdmin = tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'ADMIN'), eq(users.disabled, false), ne(users.id, id)));
        const rows = await tx
          .update(users)
          .set({ disabled })
          .where(and(eq(users.id, id), disabled ? or(ne(users.role, 'ADMIN'), eq(users.disabled, true), exists(otherAdmin)) : undefined))
          .returning({ id: users.id });
        return rows.length > 0;
      });
    },
    async insertToken(token: typeof tokens.$inferInsert): Promise<TokenRow> {
      const [row] = await db.insert(tokens).values(token).returning();
      return row;
    },
    async revokeToken({ id, at }: { id: string; at: Date }): Promise<boolean> {
      const rows = await db
        .update(tokens)
        .set({ revokedAt: at })
        .where(and(eq(tokens.id, id), isNull(tokens.revokedAt)))
        .returning({ id: tokens.id });
      return rows.length > 0;
    },
    async listTokens({ userId }: { userId: string }): Promise<TokenRow[]> {
      return db.select().from(tokens).where(eq(tokens.userId, userId)).orderBy(asc(tokens.createdAt));
    },
    /** The live token with this hash and its enabled user, or nothing. */
    async findActiveToken({ hash, now }: { hash: string; now: Date }) {
      const [row] = await db
        .select({ token: tokens, user: users })
        .from(tokens)
        .innerJoin(users, eq(users.id, tokens.userId))
        .where(and(eq(tokens.hash, hash), isNull(tokens.revokedAt), gt(tokens.expiresAt, now), eq(users.disabled, false)));
      return row;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
