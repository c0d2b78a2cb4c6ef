import { currentMonth } from '../matrix/dates.js';
import { z } from 'zod';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The matrix began in April 2018 (guidance V2-RETURN-MONTH): no return, merge or window can be earlier. */
export const FIRST_MONTH = '2018-04';
/** From April 2018 to the current month (UK time), as a return's month is: a later one has no returns yet. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .refine((m) => m >= FIRST_MONTH, `a month from ${FIRST_MONTH}, when the matrix began`)
  .refine((m) => m <= currentMonth(new Date()), { error: () => `a month no later than the current month, ${currentMonth(new Date())}` });
export const uuidSchema = z.uuid();
/** Text from a request that reaches a query: no control characters (PostgreSQL refuses NUL outright). */
export const plainText = (max: number) => z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Error responses every authenticated route can give. */
export const authErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 429: errorSchema, 503: errorSchema };
