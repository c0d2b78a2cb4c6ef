import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { AppError } from '../errors.js';
import { runAudit } from './commands/audit.js';
import { runMerge } from './commands/intel.js';
import { runRank } from './commands/rank.js';
import { runTemplate } from './commands/template.js';
import { runValidate } from './commands/validate.js';
import { runUsers, runTokens } from './commands/users.js';
import { processIo, type CliIo } from './io.js';
import { withServices } from './with-services.js';

const HELP = `clim — county lines intelligence collection matrix

  clim template OUT.xlsx                  write the blank return template
  clim validate FILE [--json] [--annotate OUT.xlsx]
                                          check a return offline (exit 0 valid, 1 errors, 2 unreadable)
  clim merge --region R --month YYYY-MM [--json]
                                          merge a region's (or NATIONAL) returns for a month
  clim rank --scope national|REGION|FORCE --month YYYY-MM [--months N] [--limit N] [--method structure|contacts]
            [--include victims] [--why N]  the ranked controlling minds, each with its leading factors in words
                                          (contacts: the old ranking, to compare; children and exploited people
                                          are left out unless --include victims)
  clim users add|list|disable …           manage users
  clim tokens issue|revoke …              manage bearer tokens
  clim audit [--since ISO] [--user ID] [--action A]
                                          export the audit log (JSON lines)
  clim db migrate                         apply database migrations

Database: DATABASE_URL=postgres://… for PostgreSQL, else the embedded database in DATA_DIR (./data).
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  template: runTemplate,
  validate: runValidate,
  merge: runMerge,
  rank: runRank,
  users: runUsers,
  tokens: runTokens,
  audit: runAudit,
  db: async (args, io) => {
    if (args[0] !== 'migrate') {
      io.stderr.write('usage: clim db migrate\n');
      return 2;
    }
    await withServices(async () => {});
    io.stdout.write('migrations applied\n');
    return 0;
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    io.stdout.write(HELP);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    return await command(args, io);
  } catch (err) {
    if (err instanceof AppError || err instanceof ConfigError || err instanceof DataDirLockedError) {
      io.stderr.write(`clim: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Error && err.name === 'ZodError') {
      io.stderr.write(`clim: ${err.message}\n`);
      return 2;
    }
    // node:util parseArgs: an unknown option, or a value missing or given where none is taken.
    if (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`clim: ${err.message}\nclim ${name} without options shows its usage; clim --help lists the commands.\n`);
      return 2;
    }
    throw err;
  }
}
