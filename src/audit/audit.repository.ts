import { and, desc, eq, gte, lte, lt, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import type { Db } from '../db/client.js';

export type AuditEntry = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  userId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export function createAuditRepository({ db }: { db: Db }) {
  return {
    async insert(entries: AuditEntry[]): Promise<void> {
      if (entries.length) await db.insert(auditLog).values(entries);
    },
    async list(f: AuditFilter): Promise<AuditRow[]> {
      const where: SQL[] = [];
      if (f.userId) where.push(eq(auditLog.userId, f.userId));
      if (f.action) where.push(eq(auditLog.action, f.action));
      if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
      if (f.from) where.push(gte(auditLog.at, f.from));
      if (f.to) where.push(lte(auditLog.at, f.to));
      if (f.beforeId) where.push(lt(auditLog.id, f.beforeId));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(f.limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
