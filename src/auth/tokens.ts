import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the `clim_` prefix lets secret scanners recognise a leaked token. */
export function newToken(): string {
  return `clim_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
