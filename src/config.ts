import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.js';

// The only reader of process.env (STYLE §9). A bad value stops start-up with
// a message naming the variable.
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  UPLOAD_MAX_FILES: z.coerce.number().int().positive().default(1),
  /** Uploads in progress at once, per user and in all; more are refused with 429 (issue #12). */
  UPLOADS_PER_USER: z.coerce.number().int().positive().default(2),
  UPLOADS_TOTAL: z.coerce.number().int().positive().default(8),
  /** An upload body that sends nothing for this long, or takes longer than the total, is cut off with 408. */
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  UPLOAD_TOTAL_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  /** Where an upload's file waits (owner-only) until its body is complete; empty means the system's temporary folder. */
  UPLOAD_TMP_DIR: z.string().default(''),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  PARSE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  PARSE_MAX_HEAP_MB: z.coerce.number().int().positive().default(1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  /** Entity-resolution thresholds in match-weight bits; unset means the tuned defaults (docs/regional.md). */
  MATCH_UPPER: z.coerce.number().optional(),
  MATCH_LOWER: z.coerce.number().optional(),
  TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(90),
  /** Long work (merges) running at once: per user, and in all (a 2-core machine does two at a time well). */
  JOBS_PER_USER: z.coerce.number().int().positive().default(1),
  JOBS_TOTAL: z.coerce.number().int().positive().default(2),
  // Windows of the network worked out at once (per user, in all), how long a request waits for its window before
  // answering 202 with the job, the analysis worker's memory for analyses and its heap cap, and whether the month's
  // common windows are worked out when a return or decision lands (issue #12 point 1; docs/operations.md).
  ANALYSIS_PER_USER: z.coerce.number().int().positive().default(2),
  ANALYSIS_TOTAL: z.coerce.number().int().positive().default(4),
  ANALYSIS_WAIT_MS: z.coerce.number().int().min(0).default(15_000),
  ANALYSIS_CACHE_MB: z.coerce.number().int().positive().default(1024),
  ANALYSIS_HEAP_MB: z.coerce.number().int().positive().default(3072),
  ANALYSIS_PRECOMPUTE: z.enum(['on', 'off']).default('on'),
  /** Heap of the merge worker, in MB: a national merge of 140,000 rows needs about 2 GB. */
  MERGE_HEAP_MB: z.coerce.number().int().positive().default(4096),
  /** How long a shutdown waits for requests in flight (an upload's parse may take PARSE_TIMEOUT_MS). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(90_000),
  /**
   * A valid token or session is looked up once in this many seconds, not on every request (0: every
   * time). A revocation made through this service applies at once; one made elsewhere (the CLI on a
   * shared PostgreSQL, another instance) within this time.
   */
  AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** A console session ends after this long without a request… */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** …and this long after sign-in in any case. */
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  /**
   * Behind a reverse proxy, believe its X-Forwarded-For / -Proto (client address for the
   * per-address limits, https for the Secure cookie): `true`, or the proxies' addresses
   * (comma-separated, CIDR allowed). Off by default: otherwise any client could claim any address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((s): boolean | string[] => {
      const v = s.trim().toLowerCase();
      if (v === '' || v === 'false' || v === '0' || v === 'off') return false;
      if (v === 'true' || v === '1' || v === 'on') return true;
      return s.split(',').map((a) => a.trim()).filter(Boolean);
    }),
  /** The built console (`npm run build:web`); served under `/`. */
  CONSOLE_DIST_DIR: z.string().min(1).default(join(PROJECT_ROOT, 'web/dist')),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { MATCH_LOWER: lower, MATCH_UPPER: upper } = result.data;
  if (lower !== undefined && upper !== undefined && lower >= upper) {
    throw new ConfigError('Invalid configuration:\n  MATCH_LOWER: must be below MATCH_UPPER');
  }
  return result.data;
}
