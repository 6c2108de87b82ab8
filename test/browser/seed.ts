// Seeds a browser-test server through the real pipeline: units (the gazetteer), monitoring plans, two sources and
// ~40 posts over the last two days in a few storylines (with copies), one post carrying script payloads, and an
// open alert on the hottest event.
import { buildPipeline } from '../../src/pipeline/runtime.ts';
import type { CollectedItem, SourceRef } from '../../src/pipeline/types.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import type { RealServer } from './real-server.ts';

export const XSS_TITLE = '<img src=x onerror=alert(1)>停水通知<script>alert(2)</script>';
export const XSS_TEXT =
  '治河渡镇自来水公司说明 <script>alert(3)</script> 详见 <a href="javascript:alert(4)">点这里</a> <img src=x onerror=alert(5)>';
export const XSS_URL = 'javascript:alert(6)';

export interface Seeded {
  units: Record<'chengguan' | 'zhihedu' | 'water' | 'housing', string>;
  alertId: string;
  eventId: string | null;
  now: Date;
}

const HOUR = 3_600_000;

function storyline(
  prefix: string,
  n: number,
  now: Date,
  text: (i: number) => string,
  spreadHours: number,
  extra: Partial<CollectedItem> = {},
): CollectedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    url: `https://${prefix}.example.cn/t/${i}`,
    title: text(i).slice(0, 18),
    text: text(i),
    published_at: new Date(now.getTime() - ((n - i) / n) * spreadHours * HOUR).toISOString(),
    author: `网友${prefix}${i}`,
    ...extra,
  }));
}

export async function seedDesk(server: RealServer, now = new Date()): Promise<Seeded> {
  const { store, services, dataDir } = server.app;
  const n = now.getTime();
  const unit = (name: string, kind: 'town' | 'bureau', id: string) =>
    services.units.create(SYSTEM_ACTOR, { id, name, kind, aliases: [] }, n);
  await unit('城关镇', 'town', 'chengguan');
  await unit('治河渡镇', 'town', 'zhihedu');
  await unit('县水务局', 'bureau', 'water');
  await unit('县住建局', 'bureau', 'housing');
  const plan = (id: string, name: string, expression: string) =>
    store.repos.plans.insert({
      id,
      name,
      expression,
      places: '[]',
      units: '[]',
      enabled: 1,
      created_at: n,
      updated_at: n,
    });
  await plan('plan-water', '供水保障', '停水 OR 自来水 OR 水压');
  await plan('plan-flood', '城市内涝', '积水 OR 内涝');

  const sources: SourceRef[] = [
    { id: 'src-forum', name: '临澜论坛', weight: 1, demo: false },
    { id: 'src-weibo', name: '微博话题', weight: 1, demo: false },
  ];
  for (const s of sources)
    await store.repos.sources.insert({
      id: s.id,
      name: s.name,
      kind: 'rss',
      config: JSON.stringify({ url: `https://${s.id}.example.cn/feed.xml` }),
      enabled: 1,
      interval_s: 600,
      cron: null,
      weight: 1,
      retention_days: null,
      cursor: null,
      health: '{}',
      demo: 0,
      created_at: n,
      updated_at: n,
    });

  const pipeline = await buildPipeline(store, { dataDir });
  const water = (i: number) =>
    `治河渡镇自来水已经停了${i % 3 === 0 ? '三' : '两'}天，县水务局到现在没有任何说法，老人孩子怎么办？第${i}楼`;
  const flood = (i: number) => `城关镇人民路一下雨就积水，县住建局修了半年还是内涝，车都开不过去，太糟糕了（${i}）`;
  const fair = (i: number) => `今天城关镇的菊花展很漂亮，推荐大家周末去看看，停车也方便，点赞组织者${i}`;
  const hospital = (i: number) => `县人民医院发布门诊时间调整通知，第${i}期，请患者合理安排就诊时间`;
  await pipeline.ingestor.ingest(
    sources[0]!,
    [...storyline('water', 12, now, water, 20), ...storyline('flood', 8, now, flood, 30)],
    now,
  );
  await pipeline.ingestor.ingest(
    sources[1]!,
    [...storyline('fair', 6, now, fair, 40), ...storyline('hosp', 4, now, hospital, 44)],
    now,
  );
  // copies: the same text reposted
  await pipeline.ingestor.ingest(
    sources[1]!,
    storyline('repost', 4, now, () => water(1), 6),
    now,
  );
  await pipeline.ingestor.ingest(
    sources[0]!,
    [
      {
        url: XSS_URL,
        title: XSS_TITLE,
        text: XSS_TEXT,
        published_at: new Date(n - HOUR).toISOString(),
        author: '<b>匿名</b>',
      },
    ],
    now,
  );

  const hottest = (await store.repos.events.list({ limit: 1, offset: 0 }))[0];
  const alertId = 'alert-seed-1';
  await store.repos.alerts.insertIfNew({
    id: alertId,
    rule_id: null,
    dedupe_key: 'seed-1',
    level: 2,
    title: '治河渡镇停水舆情升温',
    body: '近 20 小时 16 条相关信息，负面为主。',
    event_id: hottest?.id ?? null,
    post_id: null,
    status: 'sent',
    recipients: '[]',
    escalation_step: 0,
    next_escalation_at: n + 30 * 60_000,
    acknowledged_by: null,
    acknowledged_at: null,
    created_at: n - 20 * 60_000,
    updated_at: n,
  });
  return {
    units: { chengguan: 'chengguan', zhihedu: 'zhihedu', water: 'water', housing: 'housing' },
    alertId,
    eventId: hottest?.id ?? null,
    now,
  };
}
