/**
 * Delivery of scheduled reports: each generated report becomes a notice (level Ⅳ, no escalation) with a link to
 * download it, sent in-app to the chosen roles and to the configured channels (email, WeCom, DingTalk…), through the
 * alert worker's ordinary delivery, retry and failure reporting.
 */
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { ROLES } from '../contracts/auth.ts';
import { insertAlert } from './alert-raise.ts';

export const ReportDeliverySchema = z
  .object({
    roles: z.array(z.enum(ROLES)).default(['leader', 'duty_officer']),
    userIds: z.array(z.string()).max(200).default([]),
    channelIds: z.array(z.string()).max(50).default([]),
  })
  .strict();
export type ReportDelivery = z.infer<typeof ReportDeliverySchema>;

const KIND_ZH: Record<string, string> = { daily: '舆情日报', weekly: '舆情周报', monthly: '舆情月报', event: '专题报告' };

export async function deliverReports(
  store: Store,
  generated: { kind: string; date: string; format: string; id?: string }[],
  opts: { baseUrl: string; now: Date },
): Promise<number> {
  const todo = generated.filter((g) => g.id);
  if (todo.length === 0) return 0;
  const cfg = ReportDeliverySchema.parse((await store.repos.settings.get<unknown>('reports.delivery')) ?? {});
  const users = (await store.repos.users.list()).filter((u) => u.disabled === 0 && (cfg.roles.includes(u.role as never) || cfg.userIds.includes(u.id)));
  let sent = 0;
  for (const g of todo) {
    const title = `${KIND_ZH[g.kind] ?? '报告'}（${g.date}）已生成`;
    const link = `${opts.baseUrl.replace(/\/$/, '')}/api/reports/${g.id}/download`;
    const id = await store.tx((r) =>
      insertAlert(
        r,
        {
          ruleId: null, dedupeKey: `report:${g.id}`, level: 4, title, body: `${title}，格式 ${g.format}。下载：${link}`, eventId: null, postId: null,
          userIds: users.map((u) => u.id), channelIds: cfg.channelIds, inApp: true, deliverAt: opts.now.getTime(), nextEscalationAt: null,
          reasons: ['scheduled report'],
        },
        opts.now,
      ),
    );
    if (id) sent++;
  }
  return sent;
}
