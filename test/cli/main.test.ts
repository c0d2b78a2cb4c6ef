import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../helpers/test-database.js';

// The installed command itself (bin/clim.mjs), as an operator runs it, on a
// database of this file's own: PostgreSQL when the suite runs there, else an
// embedded database in a temporary folder.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'clim-cli-'));
let env: NodeJS.ProcessEnv;
let close = async () => {};

beforeAll(async () => {
  const { DATABASE_URL: _, ...rest } = process.env;
  env = { ...rest, DATA_DIR: join(dir, 'data') };
  if (process.env.DATABASE_URL) {
    const database = await openTestDatabase();
    env.DATABASE_URL = database.url;
    close = () => database.close();
  }
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

async function clim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/clim.mjs', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('clim, the command-line tool', () => {
  it('writes the template, and validates it offline', async () => {
    const out = join(dir, 'template.xlsx');
    expect((await clim('template', out)).code).toBe(0);
    const checked = await clim('validate', out, '--json');
    expect(checked.code).toBe(1); // a blank template has no Force or month yet
    expect(JSON.parse(checked.stdout).problems.length).toBeGreaterThan(0);
  });

  it('refuses a mistyped command, option or value with a usage message and exit 2, never a stack trace', async () => {
    for (const args of [['frobnicate'], ['merge', '--region', 'EAST_MIDLANDS', '--month', '2026-10', '--dry-run'], ['merge', '--region', 'EAST_MIDLANDS', '--month', '2026-13'], ['rank', '--month', '2026-10', '--months', 'lots'], ['audit', '--since', 'yesterday']]) {
      const r = await clim(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).not.toMatch(/\s+at .+\.(ts|js):\d+/);
    }
    expect((await clim('merge', '--region', 'EAST_MIDLANDS', '--month', '2026-13')).stderr).toContain('--month must be a month as YYYY-MM');
  });

  it('suggests the command meant by a mistyped one, and gives each command its own help', async () => {
    const typo = await clim('mrege', '--region', 'EAST_MIDLANDS');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'mrege'");
    expect(typo.stderr).toContain('Did you mean merge?');
    const help = await clim('users', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: clim users');
    expect(help.stdout).toContain('clim users add --name NAME --role');
    expect(help.stdout + help.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option/);
    expect(help.stdout).not.toContain('disable'); // add's own help, not the group's
    const subTypo = await clim('tokens', 'isue', '--user', 'x');
    expect(subTypo.code).toBe(2);
    expect(subTypo.stderr).toContain('Did you mean issue?');
    const all = await clim('--help');
    expect(all.code).toBe(0);
    for (const name of ['template', 'validate', 'merge', 'rank', 'users', 'tokens', 'audit', 'db']) expect(all.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  // Four runs of the real command, each opening the database: slow on a busy machine, so a limit of its own.
  it('manages users and tokens, and writes what it did to the audit log', async () => {
    expect((await clim('users', 'add', '--name', 'lei-analyst', '--role', 'FORCE_ANALYST', '--force', 'LEI')).code).toBe(0);
    // A value the service refuses is said in words, field by field.
    expect(await clim('users', 'add', '--name', '3f2a5a52-8a36-4b55-9d87-4b5f2f9a3b1c', '--role', 'ADMIN')).toMatchObject({ code: 2, stderr: 'clim: name: must not look like a user id\n' });
    const issued = await clim('tokens', 'issue', '--user', 'lei-analyst', '--days', '7');
    expect(issued.code).toBe(0);
    expect(issued.stdout.trim()).toMatch(/^\S{40,}$/);
    const listed = await clim('users', 'list');
    expect(listed.stdout).toMatch(/lei-analyst\s+FORCE_ANALYST\s+LEI/);
    const audit = (await clim('audit', '--action', 'tokens.issue')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'tokens.issue', method: 'CLI', targetKind: 'token' });
    expect(audit[0].userName).toMatch(/^cli:/);
    // --user takes a name as well as an id; a name nobody has is a plain message, not a database error.
    expect(await clim('audit', '--user', 'lei-analyst')).toMatchObject({ code: 0, stdout: '' });
    const unknown = await clim('audit', '--user', 'nobody-here');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('clim: No user "nobody-here".\n');
  }, 240_000);
});
