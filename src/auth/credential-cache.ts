import { LRUCache } from 'lru-cache';

/**
 * Credentials recently found valid, by hash, for a few seconds: a burst of
 * requests with one token (a script, or someone hammering the service) is one
 * look-up, not one each, which on the embedded database would queue every
 * other user's statements behind them (issue #12.1). Look-ups in flight are
 * shared too. Only valid answers are kept. Revoking a token, disabling a user
 * or signing out in this process forgets them all at once; a change made by
 * another process (the CLI, another instance) takes effect within `ttlMs`.
 */
export function createCredentialCache({ ttlMs, now }: { ttlMs: number; now: () => Date }) {
  const kept = new LRUCache<string, { answer: Promise<unknown>; until: number }>({ max: 10_000 });

  return {
    /**
     * `look()`'s answer for `hash`, from the cache while it is fresh. `until`
     * bounds how long a valid answer may be kept (its expiry, say).
     */
    async get<T>(hash: string, look: () => Promise<T | null>, until: (found: T) => number): Promise<T | null> {
      if (ttlMs <= 0) return look();
      const at = now().getTime();
      const hit = kept.get(hash);
      if (hit && hit.until > at) return hit.answer as Promise<T | null>;
      const entry = { answer: look() as Promise<unknown>, until: at + ttlMs };
      kept.set(hash, entry);
      const drop = () => kept.get(hash) === entry && kept.delete(hash);
      try {
        const found = (await entry.answer) as T | null;
        if (found === null) drop();
        else entry.until = Math.min(entry.until, until(found));
        return found;
      } catch (err) {
        drop();
        throw err;
      }
    },
    forgetAll(): void {
      kept.clear();
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
