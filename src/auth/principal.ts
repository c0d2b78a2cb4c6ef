import { z } from 'zod';

export const ROLES = ['FORCE_ANALYST', 'ROCU_ANALYST', 'NCLCC_ANALYST', 'ADMIN'] as const;
export const roleSchema = z.enum(ROLES);
export type UserRole = z.infer<typeof roleSchema>;

/**
 * Who is asking. Produced by the one authentication hook, so an OpenID Connect
 * provider can replace bearer tokens without any route changing.
 */
export interface Principal {
  userId: string;
  name: string;
  role: UserRole;
  /** Set for FORCE_ANALYST. */
  force: string | null;
  /** Set for ROCU_ANALYST. */
  region: string | null;
  /** Identifies the credential, for per-token rate limits. */
  credentialId: string;
  /** Set when the request came with a console session cookie rather than a token. */
  sessionId?: string;
}
