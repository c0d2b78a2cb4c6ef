import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createSignInFailures } from './security.js';

describe('failed sign-ins counted per address', () => {
  const invalid = new AppError('auth.invalid_token', 401, 'not valid');
  const codes = (failures: ReturnType<typeof createSignInFailures>, ip: string, n: number) =>
    Array.from({ length: n }, () => failures.refuse(ip, invalid).code);

  it('refuses the 31st failure within any minute, across a turn of the clock’s minute too', () => {
    let t = 60_000 * 100 - 500; // half a second before a minute turns
    const failures = createSignInFailures(() => (t += 10));
    expect(codes(failures, '10.0.0.1', 30).every((c) => c === 'auth.invalid_token')).toBe(true);
    expect(codes(failures, '10.0.0.1', 40).every((c) => c === 'auth.too_many_failures')).toBe(true);
    expect(failures.refuse('10.0.0.2', invalid).code).toBe('auth.invalid_token');
  });

  it('lets an address try again once its failures are a minute old', () => {
    let t = 0;
    const failures = createSignInFailures(() => t);
    codes(failures, '10.0.0.1', 30);
    t = 59_999;
    expect(failures.refuse('10.0.0.1', invalid).code).toBe('auth.too_many_failures');
    t = 60_001;
    expect(failures.refuse('10.0.0.1', invalid).code).toBe('auth.invalid_token');
  });
});
