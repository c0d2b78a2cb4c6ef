import { forcesOfRegion, isRegion, regionOfForce, FORCES } from '../reference/forces.js';
import { AppError } from '../errors.js';
import type { Principal } from './principal.js';

// Who may see what (issue: access rules): a force analyst sees one force, a
// ROCU analyst one region, the co-ordination centre the country. ADMIN manages
// users and the audit log and sees no intelligence.

const ALL_FORCES = FORCES.map((f) => f.code);

/** The forces whose data the principal may read. */
export function visibleForces(p: Principal): string[] {
  switch (p.role) {
    case 'NCLCC_ANALYST':
      return ALL_FORCES;
    case 'ROCU_ANALYST':
      return p.region && isRegion(p.region) ? forcesOfRegion(p.region) : [];
    case 'FORCE_ANALYST':
      return p.force ? [p.force] : [];
    default:
      return [];
  }
}

export function canSeeForce(p: Principal, force: string): boolean {
  return visibleForces(p).includes(force);
}

/** A merge scope (a region code, or NATIONAL for the whole country) the principal may read. */
export function canSeeScope(p: Principal, scope: string): boolean {
  if (p.role === 'NCLCC_ANALYST') return true;
  return p.role === 'ROCU_ANALYST' && p.region === scope && scope !== 'NATIONAL';
}

export const outOfScope = () =>
  new AppError('auth.forbidden_scope', 403, 'That data is outside the forces or region your account may see.');

export function assertForce(p: Principal, force: string): void {
  if (!canSeeForce(p, force)) throw outOfScope();
}

export function assertScope(p: Principal, scope: string): void {
  if (!canSeeScope(p, scope)) throw outOfScope();
}

/**
 * The scope an intelligence query may use: `national`, a region code, or a
 * force code; the principal's own scope when none is given.
 */
export function resolveQueryScope(p: Principal, requested: string | undefined): { scope: string; forces: string[] } {
  const fallback = p.role === 'NCLCC_ANALYST' ? 'NATIONAL' : p.role === 'ROCU_ANALYST' ? p.region : p.force;
  const scope = (requested ?? fallback ?? '').toUpperCase();
  const forces = scope === 'NATIONAL' ? ALL_FORCES : isRegion(scope) ? forcesOfRegion(scope) : regionOfForce(scope) ? [scope] : null;
  if (!forces) throw new AppError('query.bad_scope', 400, `Unknown scope "${requested}": use national, a region code or a force code.`);
  const visible = new Set(visibleForces(p));
  if (!forces.every((f) => visible.has(f))) throw outOfScope();
  return { scope, forces };
}
