import { describe, expect, it } from 'vitest';
import { createCredentialCache } from './credential-cache.js';

/** A look-up that counts its calls and answers `value`. */
function counted<T>(value: T) {
  const look = async () => ((look.calls += 1), value);
  look.calls = 0;
  return look;
}

describe('credential cache', () => {
  it('looks a burst of requests with one credential up once, and again once the time is up', async () => {
    let clock = 0;
    const cache = createCredentialCache({ ttlMs: 5000, now: () => new Date(clock) });
    const look = counted({ user: 'u' });
    const answers = await Promise.all(Array.from({ length: 80 }, () => cache.get('t', look, () => Infinity)));
    expect(answers.every((a) => a?.user === 'u')).toBe(true);
    expect(look.calls).toBe(1);
    clock = 4999;
    await cache.get('t', look, () => Infinity);
    expect(look.calls).toBe(1);
    clock = 5000;
    await cache.get('t', look, () => Infinity);
    expect(look.calls).toBe(2);
  });

  it('keeps an answer no longer than the credential lasts', async () => {
    let clock = 0;
    const cache = createCredentialCache({ ttlMs: 5000, now: () => new Date(clock) });
    const look = counted({ expiresAt: 1000 });
    await cache.get('t', look, (f) => f.expiresAt);
    clock = 1000;
    await cache.get('t', look, (f) => f.expiresAt);
    expect(look.calls).toBe(2);
  });

  it('never keeps a refusal or a failure: each is asked again', async () => {
    const cache = createCredentialCache({ ttlMs: 5000, now: () => new Date(0) });
    const refused = counted(null);
    await cache.get('bad', refused, () => Infinity);
    await cache.get('bad', refused, () => Infinity);
    expect(refused.calls).toBe(2);
    const failing = Object.assign(async () => ((failing.calls += 1), Promise.reject(new Error('database away'))), { calls: 0 });
    await expect(cache.get('t', failing, () => Infinity)).rejects.toThrow('database away');
    await expect(cache.get('t', failing, () => Infinity)).rejects.toThrow('database away');
    expect(failing.calls).toBe(2);
  });

  it('forgets everything when told (a revocation, a disabled user, a sign-out), and keeps nothing with a time of 0', async () => {
    const cache = createCredentialCache({ ttlMs: 5000, now: () => new Date(0) });
    const look = counted({ user: 'u' });
    await cache.get('t', look, () => Infinity);
    cache.forgetAll();
    await cache.get('t', look, () => Infinity);
    expect(look.calls).toBe(2);
    const off = createCredentialCache({ ttlMs: 0, now: () => new Date(0) });
    const every = counted({ user: 'u' });
    await off.get('t', every, () => Infinity);
    await off.get('t', every, () => Infinity);
    expect(every.calls).toBe(2);
  });
});
