// docs/guidance.md is generated from the rule sets, the column table and the
// interpretations, so it cannot drift from what the service checks (a test
// compares the file with this output). Regenerate with:
//   npx tsx src/matrix/guidance-doc.ts > docs/guidance.md
import { pathToFileURL } from 'node:url';
import { SHEETS, SHEET_KEYS, type ColumnSpec, type SheetKey } from './columns.js';
import { UNREADABLE_CODES, WorkbookUnreadableError } from './errors.js';
import { INTERPRETATIONS } from './interpretations.js';
import { RULESETS } from './rulesets/index.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const sheetName = (s: SheetKey | 'file') => (s === 'file' ? 'workbook' : SHEETS[s].name);
const columnsOf = (s: SheetKey) => Object.entries(SHEETS[s].columns as Record<string, ColumnSpec>);

function ruleSetSection(): string[] {
  return [...RULESETS].reverse().flatMap((set) => [
    `## Version ${set.version} rules (${set.rules.length})`,
    '',
    table(
      ['rule', 'severity', 'sheet', 'columns', 'what it checks'],
      set.rules.map((r) => [r.id, r.severity, sheetName(r.sheet), r.columns.join(', '), r.description]),
    ),
    '',
    `Required columns under version ${set.version} (a required column must be present and filled on every row):`,
    '',
    ...SHEET_KEYS.map((s) => {
      const specs = SHEETS[s].columns as Record<string, ColumnSpec>;
      return `- ${SHEETS[s].name}: ${(set.required[s] as readonly string[]).map((k) => specs[k].header).join(', ')}`;
    }),
    '',
  ]);
}

function refusalSection(): string[] {
  return [
    '## Files refused before validation',
    '',
    'The whole file is refused (there are no cells to report), yet the report has the usual shape: its `problems` list holds one',
    'problem under the rule below, pinned to no cell. The upload API answers 422 (413 when too large) with `error: { code, message }`',
    'and `problems`; `clim validate --json` prints the usual report with `code` and exits 2.',
    '',
    table(
      ['code', 'rule'],
      UNREADABLE_CODES.map((code) => [code, new WorkbookUnreadableError(code, '').rule]),
    ),
    '',
  ];
}

function aliasSection(): string[] {
  return [
    '## Header aliases',
    '',
    'Matching ignores case, spaces and punctuation. Sheet name aliases: ' +
      SHEET_KEYS.map((s) => `${SHEETS[s].name} (${SHEETS[s].aliases.join(', ')})`).join('; ') +
      '.',
    '',
    ...SHEET_KEYS.flatMap((s) => [
      `### ${SHEETS[s].name}${s === 'return' ? ' (labels in column A)' : ''}`,
      '',
      table(
        ['column', 'also accepted', 'rule for its values'],
        columnsOf(s).map(([, spec]) => [spec.header, spec.aliases.join(', ') || '—', spec.rule ? `V2-${spec.rule}` : '(free text)']),
      ),
      '',
    ]),
  ];
}

export function renderGuidanceMarkdown(): string {
  return [
    '# Matrix validation rules',
    '',
    'Generated from `src/matrix` (rule sets, column table, interpretations) by `src/matrix/guidance-doc.ts`; do not edit by hand.',
    'The specification is MATRIX-V2 (`shared/guidance/MATRIX-V2.md`); this page is what the service checks.',
    '',
    ...ruleSetSection(),
    ...refusalSection(),
    ...aliasSection(),
    '## Interpretations',
    '',
    ...INTERPRETATIONS.map((i) => `- **${i.topic}.** ${i.choice}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(renderGuidanceMarkdown());
