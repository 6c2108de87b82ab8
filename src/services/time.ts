import { offsetSecondsAt } from '../time/zone.ts';

/** Offset of a time zone from UTC at an instant, in ms (Asia/Shanghai → +8 h). */
export function tzOffsetMs(timeZone: string, at: Date): number {
  return offsetSecondsAt(at.getTime(), timeZone) * 1000;
}
