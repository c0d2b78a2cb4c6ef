// clim validate FILE [--json] [--annotate OUT.xlsx]: check a return offline,
// exactly as the service would. Exit 0 valid (warnings allowed), 1 errors,
// 2 the file cannot be read (or the command was mistyped).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { annotateWorkbook } from '../../matrix/annotate.js';
import { isWorkbookUnreadable } from '../../matrix/errors.js';
import type { Problem } from '../../matrix/problem.js';
import { refusalResult, validateBuffer, type ValidationResult } from '../../matrix/validate.js';
import type { CliIo } from '../io.js';

const USAGE = 'usage: clim validate FILE [--json] [--annotate OUT.xlsx]\n';
/** Files above this size get progress lines on stderr. */
const PROGRESS_BYTES = 1024 * 1024;

export async function runValidate(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, annotate: { type: 'string' } } });
  } catch (err) {
    io.stderr.write(`clim: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (err) {
    io.stderr.write(`clim: cannot open ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const progress = buffer.length > PROGRESS_BYTES;
  let result: ValidationResult;
  try {
    result = await validateBuffer(buffer, {
      now: new Date(),
      onProgress: (e) => {
        if (progress) io.stderr.write(e.stage === 'reading' ? `reading ${file}…\n` : `validating ${e.rows.toLocaleString('en-GB')} rows…\n`);
      },
    });
  } catch (err) {
    if (!isWorkbookUnreadable(err)) throw err;
    // The same report as for a file that was read, its one problem the refusal; `code` says which refusal.
    const { parsed: _parsed, ...report } = refusalResult(err);
    if (values.json) io.stdout.write(`${JSON.stringify({ file, valid: false, code: err.code, ...report }, null, 2)}\n`);
    else io.stderr.write(`clim: ${file} cannot be read (${err.code}, ${err.rule}): ${err.message}\n`);
    return 2;
  }
  const valid = result.counts.errors === 0;
  if (values.json) {
    const { parsed: _parsed, ...report } = result;
    io.stdout.write(`${JSON.stringify({ file, valid, ...report }, null, 2)}\n`);
  } else {
    io.stdout.write(humanReport(file, result));
  }
  if (values.annotate) {
    await writeFile(values.annotate, await annotateWorkbook(buffer, result.problems));
    io.stderr.write(`annotated copy written to ${values.annotate}\n`);
  }
  return valid ? 0 : 1;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function humanReport(file: string, r: ValidationResult): string {
  const c = r.counts;
  const verdict = c.errors === 0 ? 'VALID' : 'REJECTED';
  const lines = [
    `${file}: ${verdict}: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}` +
      ` (guidance version ${r.guidanceVersion ?? '?'}; ${plural(c.lines, 'line')}, ${plural(c.nominals, 'nominal row')}, ` +
      `${plural(c.addresses, 'address', 'addresses')}, ${plural(c.associations, 'association')})`,
  ];
  const bySheet = new Map<string, Problem[]>();
  for (const p of r.problems) {
    const key = p.sheet ?? 'Workbook';
    bySheet.set(key, [...(bySheet.get(key) ?? []), p]);
  }
  for (const [sheet, problems] of bySheet) {
    lines.push('', sheet);
    const width = Math.max(...problems.map((p) => (p.cell ?? '').length));
    for (const p of problems) lines.push(`  ${(p.cell ?? '').padEnd(width)}  ${p.severity.padEnd(7)}  ${p.rule}  ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}
