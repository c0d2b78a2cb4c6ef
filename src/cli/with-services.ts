import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createServices, type Services } from '../services.js';

/** Opens the configured database (migrated), runs `fn` with the services, and closes it. */
export async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    const services = createServices({ config, database, log: { error: console.error, warn: () => {}, info: () => {} } });
    try {
      return await fn(services);
    } finally {
      await services.analysisPool.close();
      await services.mergePool.close();
      services.audit.stop();
      await services.audit.drain();
    }
  } finally {
    await database.close();
  }
}
