import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { alive } from '../../src/db/data-dir-lock.js';
import { adminUrl, runPrefix, TEST_DB_PATTERN, templateName, withDatabase } from './pg-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string | null;
    pgTemplate: string | null;
    pgPrefix: string | null;
  }
}

/**
 * Migrates one template database per run; each test file then gets its own
 * copy (PGlite: a loaded data-dir dump; PostgreSQL: CREATE DATABASE … TEMPLATE),
 * so files never share state and never depend on order.
 */
export default async function setup(project: TestProject) {
  // The browser tests load the built console: rebuild it once per run when a file of web/ changed since.
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { stdio: 'inherit' });
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await dropTestDatabases(admin, (pid) => !alive(pid));
    const template = templateName(process.pid);
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const tpl = await openDatabase({ url: withDatabase(url, template) });
    await tpl.migrate();
    await tpl.close();
    project.provide('pgTemplate', template);
    project.provide('pgPrefix', runPrefix(process.pid));
    project.provide('pgliteTemplate', null);
    return async () => {
      await dropTestDatabases(admin, (pid) => pid === process.pid);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clim-test-'));
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  const dump = await (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', null);
  project.provide('pgPrefix', null);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** This run's databases at the end; at the start, those left by runs whose process is gone. */
async function dropTestDatabases(admin: postgres.Sql, ofRun: (pid: number) => boolean) {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'clim\_t%'`;
  for (const { datname } of rows) {
    const m = TEST_DB_PATTERN.exec(datname);
    if (m && ofRun(Number(m[1]))) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
