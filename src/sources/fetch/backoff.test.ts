import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff.ts';

describe('backoff', () => {
  it('grows exponentially, jittered within [half, full), capped', () => {
    const p = { baseMs: 1000, maxMs: 30_000 };
    expect(backoffDelay(0, p, 0)).toBe(500);
    expect(backoffDelay(3, p, 0.999)).toBeLessThanOrEqual(8000);
    expect(backoffDelay(20, p, 0.5)).toBeLessThanOrEqual(30_000);
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, noNaN: true }), (a, r) => {
        const d = backoffDelay(a, p, r);
        return d >= 0 && d <= 30_000;
      }),
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2019-04-25T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 25 Apr 2019 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('retries 429 and 5xx, not 4xx', () => {
    expect([429, 500, 502, 503, 504, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 403, 404, 501].some(isRetryableStatus)).toBe(false);
  });
});
