/**
 * Releases (信息发布): official, attributed publications (news releases, public replies, clarifications) and where
 * they went; monthly counts per channel in the office's time zone. Case replies are recorded here by the ledger.
 */
import type { z } from 'zod';
import type { ReleaseBody } from '../contracts/ledger-extras.ts';
import { localDate } from '../cases/zoned-time.ts';
import type { Store } from '../store/store.ts';
import type { ReleasesTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, type Actor } from './actor.ts';

export const toRelease = (r: ReleasesTable) => ({
  id: r.id,
  title: r.title,
  channel: r.channel,
  url: r.url,
  publishedAt: new Date(Number(r.published_at)).toISOString(),
  caseId: r.case_id,
  eventId: r.event_id,
  unitId: r.unit_id,
  createdBy: r.created_by,
  createdAt: new Date(Number(r.created_at)).toISOString(),
});

/** Counts per month (YYYY-MM in the time zone) and channel, sorted by month then channel. */
export function monthlyCounts(rows: readonly Pick<ReleasesTable, 'published_at' | 'channel'>[], timeZone: string) {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${localDate(new Date(Number(r.published_at)), timeZone).slice(0, 7)}|${r.channel}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([k, count]) => {
      const [month, channel] = k.split('|') as [string, string];
      return { month, channel, count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.channel.localeCompare(b.channel));
}

export function createReleaseService(store: Store, opts: { timezone: string }) {
  return {
    async list(q: { from: string; to: string }) {
      const from = Date.parse(q.from);
      const to = Date.parse(q.to);
      if (to <= from) throw new AppError('TF_ERR_VALIDATION', 'to: must be after from', { path: ['to'] });
      const rows = await store.repos.releases.list(from, to);
      return { releases: rows.map(toRelease), monthly: monthlyCounts(rows, opts.timezone) };
    },

    async create(actor: Actor, body: z.infer<typeof ReleaseBody>, now: Date) {
      if (body.caseId && !(await store.repos.cases.byId(body.caseId)))
        throw new AppError('TF_ERR_VALIDATION', `caseId: no case ${body.caseId}`, { path: ['caseId'] });
      if (body.eventId && !(await store.repos.events.byId(body.eventId)))
        throw new AppError('TF_ERR_VALIDATION', `eventId: no event ${body.eventId}`, { path: ['eventId'] });
      if (body.unitId && !(await store.repos.units.byId(body.unitId)))
        throw new AppError('TF_ERR_VALIDATION', `unitId: no unit ${body.unitId}`, { path: ['unitId'] });
      const row: ReleasesTable = {
        id: newId('rel', now.getTime()),
        title: body.title,
        channel: body.channel,
        url: body.url ?? null,
        published_at: Date.parse(body.publishedAt),
        case_id: body.caseId ?? null,
        event_id: body.eventId ?? null,
        unit_id: body.unitId ?? actor.unitId ?? null,
        created_by: actor.userId ?? 'system',
        created_at: now.getTime(),
      };
      await store.tx(async (r) => {
        await r.releases.insert(row);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'release.create',
          entity: 'release',
          entityId: row.id,
          after: toRelease(row),
        });
      });
      return toRelease(row);
    },
  };
}
export type ReleaseService = ReturnType<typeof createReleaseService>;
