/**
 * Writes the report fixture (test/reports/report-fixture.ts, the in-memory reference data) into a real store through
 * the repositories, so the store's ReportDataSource can be compared with the memory one query by query. Adds what
 * the memory data cannot express and the store must fold away: duplicate posts (counted once, as their original)
 * and a model label corrected by the office (the correction wins).
 */
import type { MemoryData } from '../../src/reports/memory-data-source.ts';
import type { Store } from '../../src/store/store.ts';
import type { CaseRow } from '../../src/reports/types.ts';

const LEVEL_NUM = { I: 1, II: 2, III: 3, IV: 4 } as const;
const lv = (l: keyof typeof LEVEL_NUM | null) => (l ? LEVEL_NUM[l] : null);
const t = (iso: string) => Date.parse(iso);
const tn = (iso: string | null) => (iso ? Date.parse(iso) : null);

export const UNIT_IDS: Record<string, string> = { 县水务局: 'u-water', 治河渡镇: 'u-zhihedu', 城关镇: 'u-chengguan' };

/** Transitions that state each case row's facts (the same derivation as the memory data source). */
export function transitionsOf(c: CaseRow): Array<{ action: string; at: string; payload: Record<string, unknown> }> {
  const out: Array<{ action: string; at: string; payload: Record<string, unknown> }> = [
    { action: 'register', at: c.registeredAt, payload: { type: 'register' } },
  ];
  const id = (n: string) => UNIT_IDS[n] ?? n;
  if (c.leadUnit)
    out.push({
      action: 'assign',
      at: c.registeredAt,
      payload: { type: 'assign', leadUnitId: id(c.leadUnit), coUnitIds: c.coUnits.map(id) },
    });
  if (c.firstResponseAt && c.firstResponseAt !== c.repliedAt)
    out.push({ action: 'progress', at: c.firstResponseAt, payload: { type: 'progress', note: '办理中' } });
  if (c.repliedAt)
    out.push({
      action: 'reply',
      at: c.repliedAt,
      payload: { type: 'reply', channel: 'website', text: '已答复', replierUnitId: id(c.leadUnit ?? '') },
    });
  if (c.closedAt) out.push({ action: 'close', at: c.closedAt, payload: { type: 'close' } });
  const after = [c.repliedAt, c.closedAt].filter((x): x is string => x !== null).sort((a, b) => t(b) - t(a));
  if (c.satisfaction && after[0])
    out.push({ action: 'feedback', at: after[0], payload: { type: 'feedback', result: c.satisfaction } });
  return out;
}

export async function seedReportFixture(store: Store, data: MemoryData): Promise<void> {
  const r = store.repos;
  const now = t('2026-03-01T00:00:00Z');
  const health = (s: NonNullable<MemoryData['sources']>[number]) =>
    JSON.stringify({
      runs: 10,
      last_run_at: s.lastSuccessAt,
      last_success_at: s.lastSuccessAt,
      last_error_at: s.lastError ? '2026-03-05T06:00:00Z' : null,
      last_error: s.lastError ? { code: 'TF_ERR_SOURCE', message: s.lastError } : null,
      consecutive_failures: s.status === 'down' ? 5 : 0,
      volume_flag: 'normal',
    });
  for (const s of data.sources ?? [])
    await r.sources.insert({
      id: s.sourceId,
      name: s.name,
      kind: s.kind,
      config: '{}',
      enabled: 1,
      interval_s: 900,
      cron: null,
      weight: 1,
      retention_days: null,
      cursor: null,
      health: health(s),
      demo: 0,
      created_at: now,
      updated_at: now,
    });
  for (const [name, id] of Object.entries(UNIT_IDS))
    await r.units.insert({ id, name, kind: 'bureau', parent_id: null, aliases: '[]', created_at: now });

  const row = (
    id: string,
    src: string,
    at: string,
    text: string,
    title: string | null,
    url: string | null,
    engagement: number,
  ) => ({
    id,
    source_id: src,
    dedupe_key: `k-${id}`,
    url,
    title,
    text,
    author: null,
    published_at: t(at),
    fetched_at: t(at),
    engagement: engagement
      ? JSON.stringify({
          likes: engagement - 2 * Math.floor(engagement / 4),
          replies: Math.floor(engagement / 4),
          reposts: Math.floor(engagement / 4),
          views: 99999,
        })
      : null,
    content_hash: `h-${id}`,
    is_official: 0,
    demo: 0,
  });
  const analysed = data.posts.filter((p) => p.id !== 'p13'); // p13 stays unanalysed: counted as neutral
  await r.posts.insertMany(
    data.posts.map((p) => row(p.id, p.sourceId, p.publishedAt, p.excerpt, p.title, p.url, p.engagement)),
  );
  const analysis = (
    id: string,
    label: string,
    override: string | null,
    places: string[],
    units: string[],
    eventId: string | null,
    dup: string | null,
  ) => ({
    post_id: id,
    keywords: '[]',
    sentiment_label: label,
    sentiment_score: 0.9,
    sentiment_evidence: '[]',
    label_override: override,
    relevant: null,
    simhash: '0',
    duplicate_of: dup,
    places: JSON.stringify(places),
    units: JSON.stringify(units),
    plans: '[]',
    event_id: eventId,
    analyzed_at: now,
  });
  await r.posts.upsertAnalysis(
    analysed.map((p) =>
      // p8: the model said negative, the office corrected it to the fixture's label
      p.id === 'p8'
        ? analysis(p.id, 'negative', p.sentiment, p.places, p.units, p.eventId, null)
        : analysis(p.id, p.sentiment, null, p.places, p.units, p.eventId, null),
    ),
  );
  // Copies of p1 and p9: same period, same event, negative, concerning the office — each must be counted once.
  for (const [id, of] of [
    ['d1', 'p1'],
    ['d9', 'p9'],
  ] as const) {
    const o = data.posts.find((p) => p.id === of)!;
    await r.posts.insertMany([row(id, o.sourceId, o.publishedAt, o.excerpt, o.title, o.url, 999)]);
    await r.posts.upsertAnalysis([analysis(id, 'negative', null, o.places, o.units, o.eventId, of)]);
  }

  await r.events.upsertMany(
    data.events.map((e) => ({
      id: e.id,
      title: e.title,
      keywords: JSON.stringify(e.keywords.map((term) => ({ term, weight: 1 }))),
      places: JSON.stringify(e.places),
      units: JSON.stringify(e.units),
      first_seen: t(e.firstSeenAt),
      last_seen: t(e.lastSeenAt),
      post_count: 999,
      source_count: 1,
      heat: e.heat,
      level: lv(e.level),
      level_reasons: JSON.stringify(e.levelReasons),
      sentiment: '{}',
      representative_post_id: e.representativePostId,
      status: 'active',
      merged_into: null,
      demo: 0,
      updated_at: now,
    })),
  );
  await r.events.upsertMany([
    {
      id: 'E-merged',
      title: '',
      keywords: '[]',
      places: '[]',
      units: '[]',
      first_seen: now,
      last_seen: now,
      post_count: 0,
      source_count: 0,
      heat: 999,
      level: null,
      level_reasons: '[]',
      sentiment: '{}',
      representative_post_id: null,
      status: 'merged',
      merged_into: 'E1',
      demo: 0,
      updated_at: now,
    },
  ]);
  for (const e of data.events)
    if (e.trend)
      await r.settings.set(`event-forecast:${e.id}`, JSON.stringify({ direction: e.trend, basis: 'fixture' }), now);
  for (const [eventId, hist] of Object.entries(data.levelHistory ?? {}))
    for (const [i, h] of hist.entries())
      await r.events.logLevel({
        id: `lvl-${eventId}-${i}`,
        event_id: eventId,
        from_level: null,
        to_level: lv(h.level),
        reasons: JSON.stringify(h.reasons),
        at: t(h.at),
      });

  const rules = new Map<string, string>();
  for (const a of data.alerts ?? []) {
    if (!rules.has(a.ruleName)) {
      rules.set(a.ruleName, `rule-${rules.size}`);
      await r.alerts.insertRule({
        id: rules.get(a.ruleName)!,
        name: a.ruleName,
        config: '{}',
        enabled: 1,
        created_at: now,
      });
    }
    await r.alerts.insertIfNew({
      id: a.id,
      rule_id: rules.get(a.ruleName)!,
      dedupe_key: a.id,
      level: lv(a.level) ?? 4,
      title: a.title,
      body: '',
      event_id: a.eventId,
      post_id: null,
      status: a.status,
      recipients: '[]',
      escalation_step: a.escalated ? 1 : 0,
      next_escalation_at: null,
      acknowledged_by: a.acknowledgedBy,
      acknowledged_at: tn(a.acknowledgedAt),
      created_at: t(a.createdAt),
      updated_at: t(a.createdAt),
    });
  }

  for (const c of data.cases ?? []) {
    await r.cases.insert({
      id: c.id,
      number: c.number,
      title: c.summary,
      summary: `${c.summary}（详情）`,
      status: c.status,
      level: lv(c.level),
      category: c.category,
      places: JSON.stringify(c.places),
      lead_unit_id: c.leadUnit ? (UNIT_IDS[c.leadUnit] ?? c.leadUnit) : null,
      co_unit_ids: JSON.stringify(c.coUnits.map((u) => UNIT_IDS[u] ?? u)),
      post_ids: '[]',
      event_id: c.eventId,
      alert_id: null,
      origin: 'manual',
      first_response_due: null,
      reply_due: tn(c.deadline),
      first_response_at: tn(c.firstResponseAt),
      replied_at: tn(c.repliedAt),
      satisfaction: c.satisfaction,
      merged_into: null,
      state: '{}',
      created_by: 'u',
      created_at: t(c.registeredAt),
      updated_at: t(c.registeredAt),
      closed_at: tn(c.closedAt),
      version: 1,
    });
    for (const [i, x] of transitionsOf(c).entries())
      await r.cases.appendTransition({
        id: `${c.id}-t${i}`,
        case_id: c.id,
        seq: i + 1,
        from_status: null,
        to_status: c.status,
        action: x.action,
        actor_id: 'system',
        actor_role: 'duty_officer',
        payload: JSON.stringify(x.payload),
        at: t(x.at),
      });
  }
  for (const x of data.releases ?? [])
    await r.releases.insert({
      id: x.id,
      title: x.title,
      channel: x.channel,
      url: x.url,
      published_at: t(x.publishedAt),
      case_id: x.caseId,
      event_id: x.eventId,
      unit_id: null,
      created_by: 'u',
      created_at: t(x.publishedAt),
    });
}
