import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tokens, users } from './users.js';

/**
 * Console sign-ins (issue #9). A session is made from a token and lives no
 * longer than it: the token's revocation or expiry, or the user being
 * disabled, ends the session at its next request.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenId: uuid('token_id')
      .notNull()
      .references(() => tokens.id),
    /** SHA-256 of the cookie value: the cookie itself is never stored. */
    hash: text('hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Moved forward at most once a minute: the idle limit counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute end: SESSION_MAX_HOURS after sign-in, or the token's expiry if sooner. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_token_idx').on(t.tokenId)],
);
