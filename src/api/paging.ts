import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';

// Cursor paging for the list routes (issue #11 point 4): a region of 14,579
// people must be readable whole, a page at a time. A list is served in a
// fixed order (rank, then a deterministic tie-break); the cursor is opaque to
// the caller and carries which list it belongs to, the list's fingerprint and
// where the next page starts. When the list has changed since the first page
// (a new return or decision re-ranked it) the next page is refused with 409
// rather than silently skipping or repeating people: the analyst starts again
// and reads one consistent list.

export const PAGE_DEFAULTS = { limit: 50, maxLimit: 1000 };

export const pageQuery = {
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page; absent for the first page'),
  limit: z.coerce.number().int().min(1).max(PAGE_DEFAULTS.maxLimit).default(PAGE_DEFAULTS.limit).describe('items per page'),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

const cursorPayload = z.object({ l: z.string(), v: z.string(), n: z.number().int().min(0) });

const badCursor = () => new AppError('query.bad_cursor', 400, 'That cursor was not given out for this list; start again without a cursor.');

/** A short digest of a list's identity and order: any change to who is listed, or in what order, changes it. */
export function fingerprint(ids: Iterable<string>): string {
  const h = createHash('sha256');
  for (const id of ids) h.update(id).update('\n');
  return h.digest('base64url').slice(0, 16);
}

/**
 * One page of `items` (already in their fixed order). `list` names the list
 * and every query parameter that changes its content, so a cursor of one list
 * is refused by another; `version` is its fingerprint.
 */
export function page<T>(items: readonly T[], q: { list: string; version: string; cursor?: string; limit: number }): Page<T> {
  let start = 0;
  if (q.cursor) {
    let decoded: z.infer<typeof cursorPayload>;
    try {
      decoded = cursorPayload.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
    } catch {
      throw badCursor();
    }
    if (decoded.l !== q.list) throw badCursor();
    if (decoded.v !== q.version || decoded.n > items.length) {
      throw new AppError('query.list_changed', 409, 'The list has changed since its first page (a new return, decision or merge); read it again from the start.');
    }
    start = decoded.n;
  }
  const end = Math.min(items.length, start + q.limit);
  const nextCursor = end < items.length ? Buffer.from(JSON.stringify({ l: q.list, v: q.version, n: end })).toString('base64url') : null;
  return { items: items.slice(start, end), nextCursor, total: items.length };
}
