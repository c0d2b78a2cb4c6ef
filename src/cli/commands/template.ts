// clim template OUT.xlsx: write the blank return template.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildTemplate } from '../../matrix/template.js';
import type { CliIo } from '../io.js';

const USAGE = 'usage: clim template OUT.xlsx\n';

export async function runTemplate(args: string[], io: CliIo): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, allowPositionals: true, options: {} }));
  } catch (err) {
    io.stderr.write(`clim: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  await writeFile(positionals[0], await buildTemplate());
  io.stdout.write(`template written to ${positionals[0]}\n`);
  return 0;
}
