/**
 * Demo clocks. The demo site shows only posts published at or before `clock.now()`; an accelerated clock lets a
 * demo day pass in minutes. The real time source is injectable so that tests can drive it without waiting.
 */

export interface DemoClock {
  now(): Date;
}

export interface AcceleratedClock extends DemoClock {
  /** Demo seconds per real second. */
  readonly speed: number;
  /** The demo time at the moment the clock was made. */
  readonly start: Date;
}

export interface AcceleratedClockOptions {
  /** Demo time when the clock starts (default: the real now). */
  start?: Date;
  /** Demo seconds per real second (default 1; 120 makes a demo day pass in 12 minutes). */
  speed?: number;
  /** Real milliseconds since the epoch (default Date.now); injectable for tests. */
  realNow?: () => number;
}

export function createAcceleratedClock(opts: AcceleratedClockOptions = {}): AcceleratedClock {
  const realNow = opts.realNow ?? (() => Date.now());
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error('TF_ERR_DEMO_CLOCK: speed must be a positive number');
  const realStart = realNow();
  const start = opts.start ?? new Date(realStart);
  const startMs = start.getTime();
  return {
    speed,
    start,
    now: () => new Date(startMs + (realNow() - realStart) * speed),
  };
}

export interface CatchUpClockOptions {
  /** How far behind real time the demo starts, in milliseconds. */
  behindMs: number;
  /** Demo seconds per real second until the demo time reaches real time (then 1). */
  speed: number;
  realNow?: () => number;
}

/**
 * A clock that starts `behindMs` in the past and runs `speed` times faster until it catches up with real time,
 * then follows real time. Posts it reveals are never in the desk's future, yet hours of the demo county unfold in
 * minutes (12 hours behind at ×120 catch up in 6 minutes).
 */
export function createCatchUpClock(opts: CatchUpClockOptions): AcceleratedClock {
  const realNow = opts.realNow ?? (() => Date.now());
  const fast = createAcceleratedClock({ start: new Date(realNow() - Math.max(0, opts.behindMs)), speed: opts.speed, realNow });
  return { speed: fast.speed, start: fast.start, now: () => new Date(Math.min(realNow(), fast.now().getTime())) };
}

/** A clock that tests move by hand. */
export interface ManualClock extends DemoClock {
  set(d: Date): void;
  advance(ms: number): void;
}

export function createManualClock(start: Date): ManualClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
