import type { UserRole } from '../auth/principal.js';
import type { Principal } from '../auth/principal.js';

/**
 * Every route declares who may call it (`config.policy`); a route without one
 * makes the app refuse to start, so none can be added unguarded.
 * `action` names the route in the audit log.
 */
export type Policy = { public: true } | { roles: readonly UserRole[]; action: string };

export interface AuditTarget {
  kind: string;
  id: string;
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    principal: Principal | null;
    auditTarget: AuditTarget | null;
  }
}

export const INTEL_ROLES = ['FORCE_ANALYST', 'ROCU_ANALYST', 'NCLCC_ANALYST'] as const;
export const REGIONAL_ROLES = ['ROCU_ANALYST', 'NCLCC_ANALYST'] as const;
export const ADMIN_ONLY = ['ADMIN'] as const;

/** The route table as declared, collected as routes register (read by the authorisation matrix test). */
export interface DeclaredRoute {
  method: string;
  url: string;
  policy: Policy;
}
