import { z } from 'zod';

export const severitySchema = z.enum(['error', 'warning', 'info']);

/** One problem found in a return, pinned to its cell (STYLE §13: validation collects). */
export const problemSchema = z.object({
  rule: z.string(),
  severity: severitySchema,
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  /** A1 reference with its sheet, e.g. `Lines!D7`; null for whole-file problems. */
  cell: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

export type Severity = z.infer<typeof severitySchema>;
export type Problem = z.infer<typeof problemSchema>;
