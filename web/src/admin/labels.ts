import { FORCES, REGION_CODES } from '../../../src/reference/forces';
import type { User } from './api';

// The forces and regions come from the service's own reference data (MATRIX-V2 §8), so
// the choices offered are exactly the codes the service accepts.
export { FORCES };
/** NATIONAL is the co-ordination centre's scope, not a region a ROCU analyst can hold. */
export const REGIONS = REGION_CODES.filter((r) => r !== 'NATIONAL');

export const ROLE_LABELS: Record<User['role'], string> = {
  FORCE_ANALYST: 'Force analyst',
  ROCU_ANALYST: 'Regional (ROCU) analyst',
  NCLCC_ANALYST: 'National (NCLCC) analyst',
  ADMIN: 'Administrator',
};

export const regionLabel = (code: string) => code.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase());

export function scopeLabel(u: Pick<User, 'force' | 'region'>): string {
  if (u.force) return `${u.force} (${FORCES.find((f) => f.code === u.force)?.name ?? 'unknown force'})`;
  if (u.region) return regionLabel(u.region);
  return '—';
}
