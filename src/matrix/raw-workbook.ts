import { z } from 'zod';

// What the parse worker hands back: every non-empty row of every sheet, each
// cell reduced to a plain value but keeping how it was stored (`kind`), since
// the rules need it: a number cell that was meant as text (a phone that lost
// its leading 0), a formula that was never calculated.

export const cellKindSchema = z.enum([
  'string',
  'number',
  'date',
  'boolean',
  'formula',
  'formula-no-result',
  'error',
  'richtext',
  'hyperlink',
]);

/** The effective value: text for string/rich text/hyperlink/error, a formula's cached result, ISO `YYYY-MM-DD` for dates. */
export const cellTypeSchema = z.enum(['text', 'number', 'boolean', 'date', 'error', 'none']);

export const rawCellSchema = z.object({
  kind: cellKindSchema,
  type: cellTypeSchema,
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

export const rawRowSchema = z.object({
  /** 1-based spreadsheet row number. */
  row: z.number().int(),
  /** Index 0 is column A; null where the cell is empty. */
  cells: z.array(rawCellSchema.nullable()),
});

export const rawSheetSchema = z.object({ name: z.string(), rows: z.array(rawRowSchema) });
export const rawWorkbookSchema = z.object({ sheets: z.array(rawSheetSchema) });

export type CellKind = z.infer<typeof cellKindSchema>;
export type RawCell = z.infer<typeof rawCellSchema>;
export type RawRow = z.infer<typeof rawRowSchema>;
export type RawSheet = z.infer<typeof rawSheetSchema>;
export type RawWorkbook = z.infer<typeof rawWorkbookSchema>;
