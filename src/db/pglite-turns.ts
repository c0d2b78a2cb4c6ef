import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * PGlite runs each statement synchronously on the event loop, and statements
 * awaited one after another run as one chain of microtasks: while it lasts,
 * no request that arrives is even read. Each statement here first waits a
 * turn of the event loop, so requests that came in meanwhile are read and
 * queue their own statements between ours: a burst of work for one user (a
 * window's returns, a page of look-ups) no longer freezes everyone else
 * (issue #12.1). Inside a transaction too, which holds PGlite to itself but
 * lets the others' requests at least be read and answered from memory.
 */
export function takingTurns<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      if (prop === 'query' || prop === 'exec') {
        return async (...args: unknown[]) => {
          await nextTurn();
          return fn.apply(target, args);
        };
      }
      if (prop === 'transaction') {
        return (body: (tx: object) => Promise<unknown>) => fn.call(target, (tx: object) => body(takingTurns(tx)));
      }
      return fn.bind(target);
    },
  });
}

