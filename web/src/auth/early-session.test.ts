import { describe, expect, it } from 'vitest';
import type { MeResponse } from '../api/auth.api.ts';
import { consumeEarlySession, earlySession, startSessionCheck } from './early-session.ts';

describe('early sign-in check', () => {
  it('hands out the answer once it has arrived, until used', async () => {
    expect(earlySession()).toBeNull();
    let resolve!: (me: MeResponse) => void;
    const me = { user: { id: 'u1' }, permissions: ['stats:read'] } as unknown as MeResponse;
    startSessionCheck(() => new Promise<MeResponse>((r) => (resolve = r)));
    const e = earlySession();
    expect(e?.arrived).toBeUndefined();
    resolve(me);
    expect(await e?.data).toBe(me);
    expect(e?.arrived).toEqual({ value: me });
    consumeEarlySession();
    expect(earlySession()).toBeNull();
  });

  it('turns a refused check (401) or an unreachable server into no user, not an error', async () => {
    startSessionCheck(() => Promise.reject(new Error('401')));
    const e = earlySession();
    expect(await e?.data).toBeNull();
    expect(e?.arrived).toEqual({ value: null });
    consumeEarlySession();
  });
});
