import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { tokens, users } from '../../db/schema/index.js';
import type { Db, Tx } from '../db/client.js';

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
    async findUser({ idOrName }: { idOrName: string }): Promise<UserRow | undefined> {
      // Anything else compared with a uuid column is a database error (22P02), not "no such user".
      const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
      const [row] = await db
        .select()
        .from(users)
        .where(isUuid ? eq(users.id, idOrName) : eq(users.name, idOrName));
      return row;
    },
    async countUsers(): Promise<number> {
      return db.$count(users);
    },
    async setDisabled({ id, disabled }: { id: string; disabled: boolean }): Promise<void> {
      await db.update(users).set({ disabled }).where(eq(users.id, id));
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
