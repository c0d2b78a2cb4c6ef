// A file refused before validation (not a workbook, too large, a zip bomb)
// is reported in the shape of any other report: a `problems` list whose
// entries carry `rule` and `severity`, in the API and in `clim validate --json`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/commands/validate.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { countRows } from '../helpers/sql.js';
import { upload } from '../helpers/upload.js';
import { NOW, toXlsx, validReturn } from './fixtures.js';
import { unzip, withPart, zip } from './zip-tools.js';

const MB = 1024 * 1024;
const CSV = Buffer.from('Line Ref,Line Name\nL1,JAY\n');

/** A valid workbook with one extra part that inflates 1000× (a zip bomb). */
async function zipBomb(): Promise<Buffer> {
  const filler = Buffer.alloc(8 * MB, 0x20);
  return zip(withPart(unzip(await toXlsx(validReturn())), 'xl/media/filler.bin', filler, { deflated: deflateRawSync(filler, { level: 9 }) }));
}

const fileProblem = (rule: string) => ({ rule, severity: 'error', sheet: null, row: null, column: null, cell: null, value: null, message: expect.any(String) });

describe('refused uploads in the API', () => {
  let ctx: TestContext;
  let headers: Record<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW, env: { UPLOAD_MAX_BYTES: String(MB) } });
    headers = (await ctx.login('FORCE_ANALYST', { force: 'LEI' })).headers;
  });
  afterAll(() => ctx.close());

  it('reports a file that is not a workbook as a problem under V2-FILE-FORMAT, keeping the error code', async () => {
    const res = await upload(ctx.app, headers, CSV, 'return.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: { code: 'matrix.not_xlsx', message: expect.stringMatching(/CSV/) }, problems: [fileProblem('V2-FILE-FORMAT')] });
    expect(res.json().problems[0].message).toBe(res.json().error.message);
  });

  it('reports a zip bomb under V2-FILE-LIMIT', async () => {
    const res = await upload(ctx.app, headers, await zipBomb());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'matrix.zip_bomb' }, problems: [fileProblem('V2-FILE-LIMIT')] });
  });

  it('reports a file over the upload limit under V2-FILE-LIMIT, naming the limit, and stores nothing', async () => {
    const before = await countRows(ctx.database, 'returns');
    const res = await upload(ctx.app, headers, Buffer.alloc(MB + 10_000, 1));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'request.too_large' }, problems: [fileProblem('V2-FILE-LIMIT')] });
    expect(res.json().problems[0].message).toMatch(/1 MB/);
    expect(await countRows(ctx.database, 'returns')).toBe(before);
  });
});

describe('refused files in clim validate --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clim-refused-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function validateJson(name: string, bytes: Buffer) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    let stdout = '';
    const out = new PassThrough().on('data', (chunk) => (stdout += String(chunk)));
    const code = await runValidate([file, '--json'], { stdout: out, stderr: new PassThrough() });
    return { code, report: JSON.parse(stdout) };
  }

  it('prints the usual report with the refusal as its one problem, and exits 2', async () => {
    const { code, report } = await validateJson('renamed.xlsx', CSV);
    expect(code).toBe(2);
    expect(report).toEqual({
      file: join(dir, 'renamed.xlsx'),
      valid: false,
      code: 'matrix.not_xlsx',
      problems: [fileProblem('V2-FILE-FORMAT')],
      guidanceVersion: null,
      declaredForce: null,
      declaredMonth: null,
      counts: { lines: 0, nominals: 0, addresses: 0, associations: 0, errors: 1, warnings: 0, infos: 0 },
    });
    expect(report).not.toHaveProperty('error');
  });

  it('reports a zip bomb under V2-FILE-LIMIT', async () => {
    const { code, report } = await validateJson('bomb.xlsx', await zipBomb());
    expect(code).toBe(2);
    expect(report).toMatchObject({ valid: false, code: 'matrix.zip_bomb', problems: [fileProblem('V2-FILE-LIMIT')] });
  });
});
