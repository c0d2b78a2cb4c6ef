// The data the window attack reads: a year of returns (2025-01 … 2025-12)
// from the East Midlands forces and three others, seeded through the
// repository (no HTTP, no workbook parsing), with the three users the attack
// needs. Each run of the attack gets a fresh copy, so one attack's leftovers
// (a service killed mid-computation, its audit entries) never reach the next.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { forcesOfRegion } from '../../src/reference/forces.js';
import { createServices } from '../../src/services.js';
import { generateWorld } from '../../test/world/index.js';
import { seedReturns } from '../seed-returns.js';
import { quietLog } from '../harness.js';

export const WINDOW_MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
/** ≈ 13,000 nominal rows over the year: a 12-month regional window takes about a second to resolve, build and rank on this machine. */
const OCGS = 80;

export interface WindowsWorld {
  summary: string;
  /** The force analyst (LEI) whose returns history is the light read, the East Midlands ROCU analyst, and the co-ordination centre. */
  tokens: { force: string; rocu: string; nclcc: string };
  /** A fresh copy of the seeded database: the service's environment for it, and how to remove it. */
  fresh(): Promise<{ env: Record<string, string>; remove(): Promise<void> }>;
  remove(): Promise<void>;
}

/** PostgreSQL (a database of its own on the server of `pgUrl`) when `pgUrl` is given, else PGlite in a temporary folder. */
export async function prepareWindowsWorld(pgUrl: string | undefined): Promise<WindowsWorld> {
  const world = generateWorld({
    seed: 1, forces: [...forcesOfRegion('EAST_MIDLANDS'), 'MET', 'WMP', 'GMP'], months: WINDOW_MONTHS, ocgs: OCGS, suppliers: OCGS / 8,
  });
  const store = pgUrl ? postgresStore(pgUrl) : await pgliteStore();
  const database = await openDatabase(await store.create());
  await database.migrate();
  await seedReturns(database, world.returns);
  const services = createServices({ config: loadConfig({}), database, log: quietLog });
  const token = async (user: Parameters<typeof services.users.addUser>[0]) => (await services.users.issueToken((await services.users.addUser(user)).id)).token;
  const tokens = {
    force: await token({ name: 'windows-lei', role: 'FORCE_ANALYST', force: 'LEI' }),
    rocu: await token({ name: 'windows-rocu', role: 'ROCU_ANALYST', region: 'EAST_MIDLANDS' }),
    nclcc: await token({ name: 'windows-nclcc', role: 'NCLCC_ANALYST' }),
  };
  services.audit.stop();
  await database.close();
  const rows = world.returns.reduce((n, r) => n + r.nominals.length, 0);
  const forces = new Set(world.returns.map((r) => r.meta.force)).size;
  const summary = `${world.returns.length} returns from ${forces} forces, ${WINDOW_MONTHS[0]} … ${WINDOW_MONTHS.at(-1)}, ${rows} nominal rows, on ${pgUrl ? 'PostgreSQL' : 'PGlite'}`;
  return { summary, tokens, fresh: store.copy, remove: store.remove };
}

interface Store {
  create(): Promise<{ url?: string; dataDir?: string }>;
  copy(): Promise<{ env: Record<string, string>; remove(): Promise<void> }>;
  remove(): Promise<void>;
}

async function pgliteStore(): Promise<Store> {
  const root = await mkdtemp(join(tmpdir(), 'clim-windows-'));
  const seeded = join(root, 'seeded');
  let copies = 0;
  return {
    create: async () => ({ dataDir: seeded }),
    async copy() {
      const dir = join(root, `run-${++copies}`);
      await cp(seeded, dir, { recursive: true });
      return { env: { DATA_DIR: dir, DATABASE_URL: '' }, remove: () => rm(dir, { recursive: true, force: true }) };
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

function postgresStore(pgUrl: string): Store {
  const seeded = `clim_windows_${process.pid}`;
  const urlOf = (name: string) => Object.assign(new URL(pgUrl), { pathname: `/${name}` }).toString();
  const admin = (sql: string) => {
    const client = postgres(pgUrl, { max: 1, onnotice: () => {} });
    return client.unsafe(sql).finally(() => client.end());
  };
  let copies = 0;
  return {
    async create() {
      await admin(`CREATE DATABASE "${seeded}"`);
      return { url: urlOf(seeded) };
    },
    async copy() {
      const name = `${seeded}_run${++copies}`;
      await admin(`CREATE DATABASE "${name}" TEMPLATE "${seeded}"`);
      return { env: { DATABASE_URL: urlOf(name) }, remove: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}) };
    },
    remove: () => admin(`DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`).then(() => {}),
  };
}
