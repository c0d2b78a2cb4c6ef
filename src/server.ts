import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/data-dir-lock.js';

// Reads config, opens and migrates the database, listens, and shuts down
// gracefully: in-flight requests finish, then the database closes.
async function main() {
  const config = loadConfig();
  // The app's modules load while the database opens: PGlite spends part of its
  // start waiting on its files and the compiler threads (issue #12 §7).
  const [database, { buildApp }, { closeGracefully }] = await Promise.all([
    openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }),
    import('./api/app.js'),
    import('./api/shutdown.js'),
  ]);
  await database.migrate();
  const app = await buildApp({ config, database, logger: { level: config.LOG_LEVEL } });
  const bootstrap = await app.services.users.bootstrapAdmin();
  if (bootstrap) {
    // Printed once, on the first start of an empty database; only its hash is stored.
    console.log(
      `\nFirst start: created the administrator "${bootstrap.user}" with a one-time token (valid 24 hours):\n\n  ${bootstrap.token}\n\n` +
        'Use it to create analysts and their tokens (see README, "Users and tokens"). It will not be shown again.\n',
    );
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const { timedOut } = await closeGracefully({ app, database, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    process.exit(timedOut ? 1 : 0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`database: ${database.kind}${database.kind === 'pglite' ? ` in ${config.DATA_DIR}` : ''}; API docs at /docs`);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('The service could not start:', err);
  }
  process.exit(1);
});
