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
  /** Commands of their own (`clim users add`): each has its help and is suggested when mistyped; the runner gets its name first. */
  subcommands?: { name: string; usage: string; summary: string }[];
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
    load: async () => (await import('./commands/users.js')).runUsers,
    subcommands: [
      {
        name: 'add',
        usage: '--name NAME --role FORCE_ANALYST|ROCU_ANALYST|NCLCC_ANALYST|ADMIN [--force LEI] [--region EAST_MIDLANDS]',
        summary: 'add a user (a force analyst needs --force, a ROCU analyst --region)',
      },
      { name: 'list', usage: '', summary: 'list the users, their roles and scopes' },
      { name: 'disable', usage: 'NAME', summary: "disable a user: their tokens stop working at once" },
    ],
  },
  {
    name: 'tokens',
    usage: 'issue|revoke …',
    summary: 'manage bearer tokens',
    load: async () => (await import('./commands/users.js')).runTokens,
    subcommands: [
      { name: 'issue', usage: '--user NAME [--days 90] [--label TEXT]', summary: 'issue a token (printed once, on stdout)' },
      { name: 'revoke', usage: 'TOKEN_ID', summary: 'revoke a token' },
    ],
  },
  {
    name: 'audit',
    usage: '[--since ISO] [--user ID|NAME] [--action A]',
    summary: 'export the audit log (JSON lines)',
    load: async () => (await import('./commands/audit.js')).runAudit,
  },
  { name: 'db', usage: 'migrate', summary: 'the database', load: async () => migrate, subcommands: [{ name: 'migrate', usage: '', summary: 'apply database migrations' }] },
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
  // Each command parses its own options (node:util parseArgs) and says what is wrong with them.
  // A command that takes nothing (`users list`) declares no arguments, so its help does not offer any.
  const leaf = (cmd: Command, usage: string, summary: string, details: string | undefined, run: (args: string[]) => Promise<number>) =>
    (usage ? cmd.usage(usage).argument('[args...]') : cmd)
      .description(summary)
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', details ? `\n${details}\n` : '')
      .action(async (...given: unknown[]) => ran(await run((given.at(-1) as Command).parent!.args.slice(1))));
  for (const c of COMMANDS) {
    const cmd = root.command(c.name);
    if (!c.subcommands) {
      leaf(cmd, c.usage, c.summary, c.details, async (args) => (await c.load())(args, io));
      continue;
    }
    cmd.usage(c.usage).description(c.summary).configureHelp({ subcommandTerm: (sub) => `${sub.name()} ${sub.usage()}`.trimEnd(), helpWidth: 100 });
    for (const sub of c.subcommands) {
      leaf(cmd.command(sub.name), sub.usage, sub.summary, undefined, async (args) => (await c.load())([sub.name, ...args], io));
    }
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
      // A value the service refuses (users.addUser's schema): each issue as "field: what is wrong".
      const issues = (err as Error & { issues: { path: PropertyKey[]; message: string }[] }).issues;
      for (const i of issues) io.stderr.write(`clim: ${i.path.map(String).join('.') || 'value'}: ${i.message}\n`);
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
