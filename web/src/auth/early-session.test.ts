import { describe, expect, it } from 'vitest';
import type { MeResponse } from '../api/auth.api.ts';
import {
  answerStillDue,
  consumeEarlySession,
  earlySession,
  startSessionCheck,
  takeEarlySession,
} from './early-session.ts';

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

  // The flaky reloads of session 4: the answer arrived after the provider's first render (state: checking) but
  // before its effect, which then took it as already in the state and waited for nothing: the desk never opened.
  it('still hands the answer to a provider whose first render came before it arrived', async () => {
    let resolve!: (me: MeResponse) => void;
    const me = { user: { id: 'u1' }, permissions: [] } as unknown as MeResponse;
    startSessionCheck(() => new Promise<MeResponse>((r) => (resolve = r)));
    const start = takeEarlySession();
    expect(start.answered).toBeUndefined();
    resolve(me);
    await earlySession()?.data;
    consumeEarlySession();
    const due = answerStillDue(start, () => Promise.reject(new Error('must not ask again')));
    expect(due).not.toBeNull();
    expect(await due).toBe(me);
  });

  it('waits for nothing when the answer was there at the first render, and asks afresh without an early check', async () => {
    const me = { user: { id: 'u2' }, permissions: [] } as unknown as MeResponse;
    startSessionCheck(() => Promise.resolve(me));
    await earlySession()?.data;
    const start = takeEarlySession();
    expect(start.answered).toEqual({ value: me });
    expect(answerStillDue(start, () => Promise.reject(new Error('must not ask')))).toBeNull();
    consumeEarlySession();
    const none = takeEarlySession();
    expect(await answerStillDue(none, () => Promise.resolve(me))).toBe(me);
    expect(await answerStillDue(none, () => Promise.reject(new Error('401')))).toBeNull();
  });
});
