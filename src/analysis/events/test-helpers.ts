/** Builders of synthetic posts for the event tests (real segmentation, no mocks). */
import { segment } from '../segment.ts';
import type { TrackInput } from './types.ts';

export function post(id: string, title: string, text: string, at: Date, extra: Partial<TrackInput> = {}): TrackInput {
  return {
    id,
    publishedAt: at,
    title,
    text,
    tokens: segment(`${title}\n${text}`),
    keywords: [],
    places: [],
    units: [],
    ...extra,
  };
}

export const T0 = new Date('2024-06-03T00:00:00Z');

export function minutes(n: number): Date {
  return new Date(T0.getTime() + n * 60_000);
}
