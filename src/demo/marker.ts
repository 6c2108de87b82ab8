/**
 * The demo marker (settings key `demo.installed`): when the demo county was installed, how its site runs (seed,
 * port, timeline anchor, hotline file) and every row it created, so `tingfeng demo reset` removes exactly those.
 */
import { z } from 'zod';

export const DEMO_MARKER_KEY = 'demo.installed';

const ids = z.array(z.string()).default([]);

export const DemoMarkerSchema = z.object({
  version: z.literal(1),
  /** When the install began (ISO). */
  at: z.string(),
  /** False while an install is in progress or was interrupted (the next start resumes it). */
  complete: z.boolean(),
  siteSeed: z.number().int(),
  /** The demo site's port at the last start (the next start tries it first, so post URLs stay the same). */
  port: z.number().int().min(0).max(65535),
  /** The demo timeline is generated around this instant on every start, so the site's posts stay the same. */
  anchor: z.string(),
  hotlineFile: z.string(),
  /** Demo user id (setup.ts) → the desk's user id, for the roster. */
  userIds: z.record(z.string(), z.string()).default({}),
  created: z
    .object({
      units: ids,
      users: ids,
      plans: ids,
      rules: ids,
      playbooks: ids,
      sources: ids,
      shifts: z.number().int().default(0),
    })
    .default({ units: [], users: [], plans: [], rules: [], playbooks: [], sources: [], shifts: 0 }),
});
export type DemoMarker = z.infer<typeof DemoMarkerSchema>;
export type DemoCreated = DemoMarker['created'];

/** The marker as stored, or null when absent or unreadable (an unreadable marker is reported, not guessed at). */
export function parseMarker(value: unknown): DemoMarker | null {
  if (value === undefined || value === null) return null;
  const r = DemoMarkerSchema.safeParse(value);
  if (!r.success)
    throw new Error(
      `TF_ERR_DEMO_MARKER: the setting ${DEMO_MARKER_KEY} is not a demo marker (${r.error.issues[0]?.message ?? 'invalid'}); fix or delete it`,
    );
  return r.data;
}
