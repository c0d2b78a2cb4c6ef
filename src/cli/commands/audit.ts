import { parseArgs } from 'node:util';
import type { CliIo } from '../io.js';
import { date } from '../operator.js';
import { withServices } from '../with-services.js';

/** `clim audit [--since ISO] [--user ID|NAME] [--action A]`: the audit log as JSON lines, oldest first. */
export async function runAudit(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, user: { type: 'string' }, action: { type: 'string' } } });
  const from = values.since ? date(values.since, '--since') : undefined;
  return withServices(async ({ audit, users }) => {
    // A user's name stands for their id, as in `clim users` and `clim tokens`.
    const userId = values.user === undefined ? undefined : (await users.findUser(values.user)).id;
    const rows = [];
    for (let before: number | undefined; ; ) {
      const page = await audit.list({ from, userId, action: values.action, beforeId: before, limit: 1000 });
      rows.push(...page);
      if (page.length < 1000) break;
      before = page[page.length - 1].id;
    }
    for (const row of rows.reverse()) io.stdout.write(JSON.stringify(row) + '\n');
    return 0;
  });
}
