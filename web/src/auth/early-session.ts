// The sign-in check (GET /api/auth/me) started by the boot script (main.tsx) as the page opens, before React, Ant
// Design and the pages have arrived; the auth provider takes its answer instead of asking again. No React here:
// this module is part of the tiny boot chunk.
import { fetchMe, type MeResponse } from '../api/auth.api.ts';

export interface EarlySession {
  /** The signed-in user, or null when the check was refused (401) or failed. */
  data: Promise<MeResponse | null>;
  /** Set once the answer has arrived. */
  arrived?: { value: MeResponse | null };
}

let early: EarlySession | null = null;

/** Starts the sign-in check now. `load` is for tests. */
export function startSessionCheck(load: () => Promise<MeResponse> = fetchMe): void {
  const entry: EarlySession = { data: Promise.resolve(null) };
  entry.data = load().then(
    (me) => {
      entry.arrived = { value: me };
      return me;
    },
    () => {
      entry.arrived = { value: null };
      return null;
    },
  );
  early = entry;
}

/** The early check if one was started and not yet used, else null. */
export function earlySession(): EarlySession | null {
  return early;
}

/**
 * The early check as the auth provider's first render found it: `answered` is its answer if that had already
 * arrived then (and so went into the first state), else undefined.
 */
export interface EarlyStart {
  entry: EarlySession | null;
  answered?: { value: MeResponse | null };
}

/** Takes the early check at the first render (see EarlyStart). */
export function takeEarlySession(): EarlyStart {
  const entry = early;
  return { entry, answered: entry?.arrived };
}

/**
 * What the provider still has to wait for after its first render: nothing when the answer was in its first state;
 * otherwise the early check's answer — even when it has arrived since that render — or, without an early check, a
 * fresh one from `load`.
 */
export function answerStillDue(start: EarlyStart, load: () => Promise<MeResponse>): Promise<MeResponse | null> | null {
  if (start.answered) return null;
  return start.entry ? start.entry.data : load().catch(() => null);
}

/** Marks the early check used: a later sign-in check asks the server. */
export function consumeEarlySession(): void {
  early = null;
}
