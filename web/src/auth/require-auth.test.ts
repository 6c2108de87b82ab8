import { describe, expect, it } from 'vitest';
import { redirectTarget } from './require-auth.tsx';

describe('redirectTarget', () => {
  it('returns the remembered in-app route', () => {
    expect(redirectTarget('/cases/42?tab=history')).toBe('/cases/42?tab=history');
  });
  it('falls back to the overview for missing, external or looping targets', () => {
    expect(redirectTarget(null)).toBe('/');
    expect(redirectTarget('https://evil.example/')).toBe('/');
    expect(redirectTarget('//evil.example/')).toBe('/');
    expect(redirectTarget('/login?from=/x')).toBe('/');
  });
});
