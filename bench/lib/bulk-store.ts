/**
 * Builds a large store fast for benchmarks: demo-county posts written straight through the repositories, as
 * bench/search-api.ts does (segmented for the full-text index), not through the pipeline. The analysis rows take
 * the generator's ground truth — tone as sentiment, the places and unit the text names, copies and reposts as
 * near-duplicates of their original — and posts are grouped into events (a storyline's posts into one event; other
 * posts by place, day and kind; copies with their original), with warning levels, memberships and heat, so that the
 * overview, the stream's filters and the event pages all have realistic data to show.
 */
import type { Store } from '../../src/store/store.ts';
import type { EventsTable, PostAnalysisTable, PostsTable } from '../../src/store/schema.ts';
import { segment } from '../../src/analysis/segment.ts';
import { stableId } from '../../src/store/ids.ts';
import { generatePosts, placeById, unitById, type DemoPost } from '../../src/demo/index.ts';

export interface BulkOptions {
  posts: number;
  /** Days the posts span, ending at `now` (default 30). */
  days?: number;
  seed?: number;
  now?: number;
  onProgress?: (stored: number) => void;
}

export interface BulkResult {
  posts: number;
  events: number;
  levelled: number;
  copies: number;
  seconds: number;
}

const SOURCES: { id: string; name: string; kind: string; match: (p: DemoPost) => boolean }[] = [
  { id: 'bulk-mailbox', name: '临澜县长信箱（领导留言板）', kind: 'web-page', match: (p) => p.sourceKind === 'forum' && p.section === 'mailbox' },
  { id: 'bulk-bbs', name: '临澜百姓论坛', kind: 'web-page', match: (p) => p.sourceKind === 'forum' },
  { id: 'bulk-news', name: '临澜新闻网', kind: 'rss', match: (p) => p.sourceKind === 'rss' },
  { id: 'bulk-weibo', name: '临澜微博话题', kind: 'json-api', match: (p) => p.sourceKind === 'json' },
  { id: 'bulk-hotline', name: '12345 热线工单', kind: 'spreadsheet', match: () => true },
];
const STORY_LEVEL: Record<string, number> = { flood: 1, canteen: 2, rumour: 2, scenic: 3 };
const KIND_GROUP: Record<string, string> = {
  complaint: 'issue', question: 'issue', letter: 'issue', ticket: 'issue', chatter: 'talk', praise: 'talk', news: 'news', official: 'news',
};
const DAY = 86_400_000;

interface Ev {
  id: string; title: string; first: number; last: number; n: number; sources: Set<string>; story: string | null;
  mix: { negative: number; neutral: number; positive: number }; places: Map<string, number>; units: Map<string, number>; rep: string;
}

const postId = (seed: number, demoId: string) => stableId('p', `bulk|${seed}|${demoId}`);

export async function loadBulkStore(store: Store, opts: BulkOptions): Promise<BulkResult> {
  const started = performance.now();
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 30;
  const seed = opts.seed ?? 11;
  for (const s of SOURCES)
    await store.repos.sources.insert({
      id: s.id, name: s.name, kind: s.kind, config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null,
      health: '{}', demo: 0, created_at: now, updated_at: now,
    });
  const events = new Map<string, Ev>();
  // the event of each recent post, so that its copies, reposts and replies join it (bounded)
  const recent = new Map<string, string>();
  let batch: { post: PostsTable; analysis: PostAnalysisTable; tokens: string[]; eventId: string }[] = [];
  let stored = 0;
  let copies = 0;
  const flush = async () => {
    await store.tx(async (r) => {
      await r.posts.insertMany(batch.map((b) => b.post));
      await r.posts.upsertAnalysis(batch.map((b) => b.analysis));
      await r.posts.indexText(batch.map((b) => ({ post_id: b.post.id, tokens: b.tokens.join(' ') })));
      await r.events.addMembers(batch.map((b) => ({ event_id: b.eventId, post_id: b.post.id, added_at: b.post.published_at })));
    });
    stored += batch.length;
    batch = [];
    opts.onProgress?.(stored);
  };
  // The generator writes more posts a day than asked (storylines, replies): a first pass over it finds when the
  // N-th post falls, so that the posts can be shifted to end a minute before `now` (the overview's last 24 h).
  const gen = { seed, start: new Date(now - days * DAY), days, postsPerDay: Math.ceil(opts.posts / days) + 10, maxPosts: opts.posts };
  let lastAt = now;
  for (const p of generatePosts(gen)) lastAt = p.publishedAt.getTime();
  const shift = now - 60_000 - lastAt;
  const start = gen.start.getTime() + shift;
  for (const p of generatePosts(gen)) {
    const at = Math.min(p.publishedAt.getTime() + shift, now);
    const id = postId(seed, p.id);
    const source = SOURCES.find((s) => s.match(p))!;
    const places = p.placeIds.map((x) => placeById(x).name);
    const units = p.unitId ? [unitById(p.unitId).name] : [];
    const dupOf = p.copyOf ?? p.repostOf;
    const parent = dupOf ?? p.replyTo;
    const parentEvent = parent ? recent.get(parent) : undefined;
    const key = p.storyline ? `story:${p.storyline}` : `${p.placeIds[0] ?? 'county'}|${Math.floor((at - start) / DAY)}|${KIND_GROUP[p.kind] ?? 'talk'}`;
    const eventId = parentEvent ?? stableId('ev', `bulk|${seed}|${key}`);
    recent.set(p.id, eventId);
    if (recent.size > 50_000) recent.delete(recent.keys().next().value!);
    let ev = events.get(eventId);
    if (!ev) {
      ev = {
        id: eventId, title: p.title.slice(0, 300), first: at, last: at, n: 0, sources: new Set(), story: p.storyline ?? null,
        mix: { negative: 0, neutral: 0, positive: 0 }, places: new Map(), units: new Map(), rep: id,
      };
      events.set(eventId, ev);
    }
    ev.n++;
    ev.first = Math.min(ev.first, at);
    ev.last = Math.max(ev.last, at);
    ev.sources.add(source.id);
    ev.mix[p.tone]++;
    for (const x of places) ev.places.set(x, (ev.places.get(x) ?? 0) + 1);
    for (const x of units) ev.units.set(x, (ev.units.get(x) ?? 0) + 1);
    if (dupOf) copies++;
    const tokens = segment(`${p.title}\n${p.text}`);
    const counts = new Map<string, number>();
    for (const t of tokens) if (t.length > 1 && /\p{Script=Han}/u.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const keywords = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([term, n]) => ({ term, weight: n }));
    batch.push({
      post: {
        id, source_id: source.id, dedupe_key: `bulk|${seed}|${p.id}`, url: `https://bulk.example.cn${p.url}`, title: p.title, text: p.text, author: p.author,
        published_at: at, fetched_at: now, engagement: JSON.stringify(p.engagement), content_hash: `bulk|${seed}|${p.id}`, is_official: p.isOfficial ? 1 : 0, demo: 0,
      },
      analysis: {
        post_id: id, keywords: JSON.stringify(keywords), sentiment_label: p.tone, sentiment_score: 0.8, sentiment_evidence: '[]', label_override: null, relevant: null,
        simhash: '0000000000000000', duplicate_of: dupOf ? postId(seed, dupOf) : null, places: JSON.stringify(places), units: JSON.stringify(units), plans: '[]',
        event_id: eventId, analyzed_at: now,
      },
      tokens,
      eventId,
    });
    if (batch.length >= 1000) await flush();
  }
  if (batch.length) await flush();

  const ranked = (m: Map<string, number>) => JSON.stringify([...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k]) => k));
  const rows: EventsTable[] = [...events.values()].map((e) => {
    const level = e.story ? (STORY_LEVEL[e.story] ?? 3) : e.n >= 400 && e.mix.negative > e.n / 2 ? 3 : e.n >= 150 ? 4 : null;
    const recency = Math.max(0.05, 1 - (now - e.last) / (days * DAY));
    return {
      id: e.id, title: e.title, keywords: '[]', places: ranked(e.places), units: ranked(e.units), first_seen: e.first, last_seen: e.last, post_count: e.n,
      source_count: e.sources.size, heat: Math.round(e.n * recency * 100) / 100, level, level_reasons: JSON.stringify(level ? [`${e.n} 条信息（基准数据）`] : []),
      sentiment: JSON.stringify(e.mix), representative_post_id: e.rep, status: 'active', merged_into: null, demo: 0, updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await store.tx((r) => r.events.upsertMany(rows.slice(i, i + 500)));
  return { posts: stored, events: rows.length, levelled: rows.filter((r) => r.level !== null).length, copies, seconds: (performance.now() - started) / 1000 };
}
