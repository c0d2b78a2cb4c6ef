import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';

/**
 * Graceful shutdown (issue #6, faults): stop accepting connections, let the
 * requests in flight finish (an upload being received completes with its
 * answer), drain the audit queue (the app's onClose hook), then close the
 * database. Past `timeoutMs` the remaining connections are cut so a stuck
 * client cannot hold the process forever.
 */
export async function closeGracefully({
  app,
  database,
  timeoutMs,
}: {
  app: FastifyInstance;
  database: Pick<Database, 'close'>;
  timeoutMs: number;
}): Promise<{ timedOut: boolean }> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    app.log.warn('shutdown: requests still running past the time limit; closing their connections');
    app.server.closeAllConnections();
  }, timeoutMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  await database.close();
  return { timedOut };
}
