import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHEETS, SHEET_KEYS, squashHeader, type ColumnSpec } from '../../src/matrix/columns.js';
import { renderGuidanceMarkdown } from '../../src/matrix/guidance-doc.js';
import { RULESETS } from '../../src/matrix/rulesets/index.js';

describe('docs/guidance.md', () => {
  it('is exactly what the rule data renders (regenerate: npx tsx src/matrix/guidance-doc.ts > docs/guidance.md)', () => {
    const onDisk = readFileSync(new URL('../../docs/guidance.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderGuidanceMarkdown());
  });

  it('documents every rule id of every version', () => {
    const doc = renderGuidanceMarkdown();
    for (const set of RULESETS) for (const r of set.rules) expect(doc).toContain(`| ${r.id} |`);
  });
});

describe('header alias table', () => {
  it('never maps one spelling to two columns of a sheet', () => {
    for (const s of SHEET_KEYS) {
      const seen = new Map<string, string>();
      for (const [key, spec] of Object.entries(SHEETS[s].columns as Record<string, ColumnSpec>)) {
        for (const name of [spec.header, ...spec.aliases]) {
          const other = seen.get(squashHeader(name));
          expect(other === undefined || other === key, `${s}: "${name}" is both ${other} and ${key}`).toBe(true);
          seen.set(squashHeader(name), key);
        }
      }
    }
  });
});
