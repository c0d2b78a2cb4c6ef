import { z } from 'zod';
import { missingReturnsSchema } from '../../regional/missing-returns.js';
import { mergeStatsSchema } from '../../regional/model.js';

/** A stored merge as the API shows it (the merge routes, and a merge job's result). */
export const summarySchema = z.object({
  id: z.string(),
  scope: z.string(),
  month: z.string(),
  createdAt: z.date(),
  returns: z.array(z.object({ force: z.string(), returnId: z.string(), version: z.number().nullable(), nilReturn: z.boolean() })),
  missing: missingReturnsSchema,
  stats: mergeStatsSchema,
  alerts: z.number(),
  reviewPairs: z.number(),
});
