import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { AppError } from '../errors.js';
import { processIo, type CliIo } from './io.js';

type Runner = (args: string[], io: CliIo) => Promise<number>;

interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  details?: string;
  /** Loaded on use, so `clim --help` or a mistyped command loads no database or workbook code. */
  load: () => Promise<Runner>;
}

const COMMANDS: CliCommand[] = [
  { name: 'template', usage: 'OUT.xlsx', summary: 'write the blank return template', load: async () => (await import('./commands/template.js')).runTemplate },
  {
    name: 'validate',
    usage: 'FILE [--json] [--annotate OUT.xlsx]',
    summary: 'check a return offline',
    details: '  exit 0: valid (warnings allowed); 1: errors; 2: the file cannot be read or the command is mistyped',
    load: async () => (await import('./commands/validate.js')).runValidate,
  },
  {
    name: 'merge',
    usage: '--region R --month YYYY-MM [--json]',
    summary: "merge a region's returns for a month (R: a region, or NATIONAL)",
    load: async () => (await import('./commands/intel.js')).runMerge,
  },
  {
    name: 'rank',
    usage: '--scope S --month YYYY-MM [options]',
    summary: 'the ranked controlling minds',
    details: [
      '  --scope national|REGION|FORCE   whose network',
      '  --month YYYY-MM --months N      the window: N months ending with this one (default 3)',
      '  --limit N                       how many to print (default 20)',
      '  --method structure|contacts     contacts: the old ranking by police contacts, to compare',
      '  --include victims               keep children and exploited people in the list, flagged',
      '  --why N                         each person\'s N largest factors, in words (3)',
    ].join('\n'),
    load: async () => (await import('./commands/rank.js')).runRank,
  },
  {
    name: 'users',
    usage: 'add|list|disable …',
    summary: 'manage users',
    details: [
      '  clim users add --name NAME --role FORCE_ANALYST|ROCU_ANALYST|NCLCC_ANALYST|ADMIN [--force LEI] [--region EAST_MIDLANDS]',
      '  clim users list',
      '  clim users disable NAME',
    ].join('\n'),
    load: async () => (await import('./commands/users.js')).runUsers,
  },
  {
    name: 'tokens',
    usage: 'issue|revoke …',
    summary: 'manage bearer tokens',
    details: ['  clim tokens issue --user NAME [--days 90] [--label TEXT]', '  clim tokens revoke TOKEN_ID'].join('\n'),
    load: async () => (await import('./commands/users.js')).runTokens,
  },
  {
    name: 'audit',
    usage: '[--since ISO] [--user ID|NAME] [--action A]',
    summary: 'export the audit log (JSON lines)',
    load: async () => (await import('./commands/audit.js')).runAudit,
  },
  { name: 'db', usage: 'migrate', summary: 'apply database migrations', load: async () => migrate },
];

const migrate: Runner = async (args, io) => {
  if (args[0] !== 'migrate') {
    io.stderr.write('usage: clim db migrate\n');
    return 2;
  }
  const { withServices } = await import('./with-services.js');
  await withServices(async () => {});
  io.stdout.write('migrations applied\n');
  return 0;
};

const FOOTER = '\nDatabase: DATABASE_URL=postgres://… for PostgreSQL, else the embedded database in DATA_DIR (./data).\n';

/** The command tree: commander gives each command its own --help and suggests the nearest name for a mistyped one. */
function program(io: CliIo, ran: (code: number) => void): Command {
  const root = new Command('clim')
    .description('county lines intelligence collection matrix')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError(true)
    .configureHelp({ subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`, helpWidth: 100 })
    .addHelpText('after', FOOTER);
  for (const c of COMMANDS) {
    root
      .command(c.name)
      .usage(c.usage)
      .description(c.summary)
      .argument('[args...]')
      // Each command parses its own options (node:util parseArgs) and says what is wrong with them.
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', c.details ? `\n${c.details}\n` : '')
      .action(async (_args: string[], _opts: unknown, cmd: Command) => {
        const runner = await c.load();
        ran(await runner(cmd.parent!.args.slice(1), io));
      });
  }
  return root;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const cli = program(io, (c) => (code = c));
  if (argv.length === 0) {
    io.stdout.write(cli.helpInformation() + FOOTER);
    return 0;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
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
      io.stderr.write(`clim: ${err.message}\nclim ${argv[0]} --help shows its usage; clim --help lists the commands.\n`);
      return 2;
    }
    throw err;
  }
}
