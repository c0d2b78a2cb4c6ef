import type { FastifyBaseLogger } from 'fastify';
import { createAuditRepository } from './audit/audit.repository.js';
import { createAuditService } from './audit/audit.service.js';
import { createCredentialCache } from './auth/credential-cache.js';
import { createSessionsRepository } from './auth/sessions.repository.js';
import { createSessionsService } from './auth/sessions.service.js';
import { createUsersRepository } from './auth/users.repository.js';
import { createUsersService } from './auth/users.service.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { DEFAULT_LIMITS } from './matrix/limits.js';
import { createReturnsRepository } from './matrix/returns.repository.js';
import { createReturnsService } from './matrix/returns.service.js';
import { createMergesRepository } from './regional/merges.repository.js';
import type { RegionalWorkbookTexts } from './regional/export-task.js';
import { createMergePool } from './regional/merge-pool.js';
import { createMergesService } from './regional/merges.service.js';
import { DEFAULT_THRESHOLDS } from './regional/people.js';
import { createNetworkService } from './graph/network.service.js';
import { createJobs, JOB_DEFAULTS } from './jobs/jobs.service.js';
import { createAnalysisPool } from './graph/analysis-pool.js';

/** Repositories get the database, services get repositories (STYLE §6). */
export function createServices({
  config,
  database,
  now = () => new Date(),
  log,
}: {
  config: Config;
  database: Database;
  now?: () => Date;
  log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;
}) {
  const { db } = database;
  const credentials = createCredentialCache({ ttlMs: config.AUTH_CACHE_SECONDS * 1000, now });
  const users = createUsersService({ repo: createUsersRepository({ db }), tokenTtlDays: config.TOKEN_TTL_DAYS, credentials, now });
  const sessions = createSessionsService({
    repo: createSessionsRepository({ db }),
    users,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    credentials,
    now,
  });
  const audit = createAuditService({
    repo: createAuditRepository({ db }),
    onError: (err) => log.warn({ err }, 'audit entries waiting for the database'),
  });
  const limits = { ...DEFAULT_LIMITS, maxFileBytes: config.UPLOAD_MAX_BYTES, timeoutMs: config.PARSE_TIMEOUT_MS, maxHeapMb: config.PARSE_MAX_HEAP_MB };
  const returnsRepo = createReturnsRepository({ db });
  const returns = createReturnsService({ db, repo: returnsRepo, limits, now });
  const thresholds = { upper: config.MATCH_UPPER ?? DEFAULT_THRESHOLDS.upper, lower: config.MATCH_LOWER ?? DEFAULT_THRESHOLDS.lower };
  const mergesRepo = createMergesRepository({ db });
  const analysisPool = createAnalysisPool({ cacheBytes: config.ANALYSIS_CACHE_MB * 1024 * 1024, heapMb: config.ANALYSIS_HEAP_MB });
  const writeWorkbook = async (input: RegionalWorkbookTexts) => {
    const { buffer, personIds } = await analysisPool.run({ op: 'regionalWorkbook', input });
    return { buffer: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), personIds };
  };
  const mergePool = createMergePool({ heapMb: config.MERGE_HEAP_MB });
  const merges = createMergesService({ db, repo: mergesRepo, returnsRepo, thresholds, writeWorkbook, mergePool, now });
  const jobs = createJobs({
    now,
    limits: { ...JOB_DEFAULTS, perUser: config.JOBS_PER_USER, total: config.JOBS_TOTAL },
    onUnexpected: (err, job) => log.error({ err, jobId: job.id, kind: job.kind }, 'job failed'),
  });
  const network = createNetworkService({
    merges, returnsRepo, mergesRepo, jobs, pool: analysisPool, thresholds, now,
    limits: {
      perUser: config.ANALYSIS_PER_USER, total: config.ANALYSIS_TOTAL, waitMs: config.ANALYSIS_WAIT_MS,
      precompute: config.ANALYSIS_PRECOMPUTE === 'on', precomputeMonths: 3,
    },
    onPrecomputeError: (err) => log.warn({ err }, 'working out a window in advance failed'),
  });
  return { users, sessions, audit, returns, merges, network, jobs, analysisPool, mergePool, now };
}

export type Services = ReturnType<typeof createServices>;
