import type { UserRole } from '../auth/principal.js';
import type { Principal } from '../auth/principal.js';
import type { LiveSession } from '../auth/sessions.service.js';

/**
 * Every route declares who may call it (`config.policy`); a route without one
 * makes the app refuse to start, so none can be added unguarded.
 * `action` names the route in the audit log.
 */
export type Policy =
  | { public: true }
  | { roles: readonly UserRole[]; action: string }
  /** The route checks a credential in its own body (console sign-in): no authentication first, but audited. */
  | { signIn: true; action: string };

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
    /** The console session the request was authenticated by, if it was. */
    consoleSession: LiveSession | null;
    /** The token's expiry, when authenticated by a bearer token. */
    tokenExpiresAt: Date | null;
    /** Why authentication refused the request (an error code), for the audit record. */
    authRefusal: string | null;
  }
}

export const INTEL_ROLES = ['FORCE_ANALYST', 'ROCU_ANALYST', 'NCLCC_ANALYST'] as const;
export const REGIONAL_ROLES = ['ROCU_ANALYST', 'NCLCC_ANALYST'] as const;
export const ADMIN_ONLY = ['ADMIN'] as const;
export const ANY_ROLE = ['FORCE_ANALYST', 'ROCU_ANALYST', 'NCLCC_ANALYST', 'ADMIN'] as const;

/** The route table as declared, collected as routes register (read by the authorisation matrix test). */
export interface DeclaredRoute {
  method: string;
  url: string;
  policy: Policy;
}
