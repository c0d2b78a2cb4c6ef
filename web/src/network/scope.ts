import { FORCES, REGIONS, REGION_CODES, type RegionCode } from '../../../src/reference/forces';
import type { Session } from '../api/session';
import { monthOf } from '../format';
import type { WindowQuery } from './api';

// The scopes a user may ask about, as the service allows them (a force analyst:
// their own force; a ROCU analyst: their region or one of its forces; the
// centre: national, any region, any force). Offering only these means the
// picker never leads to a refusal.

export interface ScopeOption {
  value: string;
  label: string;
  group: string;
}

const regionLabel = (r: RegionCode) => `${r.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase())} (${REGIONS[r].unit})`;
const forceOptions = (region: RegionCode): ScopeOption[] =>
  FORCES.filter((f) => f.region === region).map((f) => ({ value: f.code, label: `${f.name} (${f.code})`, group: 'Forces' }));

export function scopesFor(session: Session): ScopeOption[] {
  const { role, force, region } = session.user;
  if (role === 'FORCE_ANALYST') {
    const f = FORCES.find((x) => x.code === force);
    return [{ value: force ?? '', label: f ? `${f.name} (${f.code})` : (force ?? ''), group: 'Your force' }];
  }
  if (role === 'ROCU_ANALYST' && region && (REGION_CODES as string[]).includes(region)) {
    const r = region as RegionCode;
    return [{ value: r, label: regionLabel(r), group: 'Your region' }, ...forceOptions(r)];
  }
  return [
    { value: 'NATIONAL', label: 'National (every force)', group: 'National' },
    ...REGION_CODES.filter((r) => r !== 'NATIONAL').map((r) => ({ value: r, label: regionLabel(r), group: 'Regions' })),
    ...REGION_CODES.flatMap(forceOptions),
  ];
}

const REMEMBERED = 'centre-window';

/**
 * The window from the address (`scope`, `month`, `months`); what the address
 * leaves out is the window last looked at in this tab (so Controllers and
 * Safeguarding show the same window), else the widest scope the user may see
 * and the three months up to this one. Only these three values are kept, in
 * sessionStorage: nothing about any person.
 */
export function windowFrom(session: Session, params: URLSearchParams): WindowQuery {
  let saved: Partial<Record<'scope' | 'month' | 'months', string>> = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(REMEMBERED) ?? '{}');
  } catch {
    // unreadable: start from the defaults
  }
  const get = (k: 'scope' | 'month' | 'months') => params.get(k) ?? saved[k] ?? null;
  const options = scopesFor(session);
  const asked = get('scope')?.toUpperCase();
  const scope = options.find((o) => o.value === asked)?.value ?? options[0]?.value;
  const month = /^\d{4}-\d{2}$/.test(get('month') ?? '') ? get('month')! : monthOf(new Date());
  const months = Math.min(24, Math.max(1, Number(get('months')) || 3));
  const q = { scope, month, months };
  sessionStorage.setItem(REMEMBERED, JSON.stringify({ ...q, months: String(months) }));
  return q;
}

export const windowParams = (q: WindowQuery): Record<string, string> => ({ scope: q.scope ?? '', month: q.month, months: String(q.months) });
