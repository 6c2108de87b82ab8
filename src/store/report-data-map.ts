/** Row → report-row mapping shared by the store's ReportDataSource (report-data.ts, report-data-ledger.ts). */
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './dialect.ts';
import { parseJson } from './repos/executor.ts';
import type { Sentiment, WarningLevel } from '../reports/types.ts';

export const ms = (iso: string): number => Date.parse(iso);
export const iso = (t: number): string => new Date(t).toISOString();
export const isoOrNull = (t: number | null | undefined): string | null => (t == null ? null : iso(t));

const LEVELS: Record<number, WarningLevel> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };
/** Stored levels are 1 (Ⅰ red) … 4 (Ⅳ blue); anything else is "no level". */
export const levelOf = (n: number | null | undefined): WarningLevel | null => (n == null ? null : (LEVELS[n] ?? null));

export function sentimentOf(v: string | null | undefined): Sentiment {
  return v === 'positive' || v === 'negative' ? v : 'neutral';
}

export function stringArray(text: string | null | undefined): string[] {
  const v = parseJson<unknown>(text, []);
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string') out.push(x);
    else if (x && typeof x === 'object' && typeof (x as { term?: unknown }).term === 'string')
      out.push((x as { term: string }).term);
  }
  return out;
}

/** The sentiment a post is counted under: the office's correction wins over the model's label; unanalysed = neutral. */
export const SENTIMENT_SQL = sql<string>`coalesce(a.label_override, a.sentiment_label, 'neutral')`;

/** A JSON-array text column holding at least one element. */
export function nonEmptyJsonArray(col: 'a.places' | 'a.units'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(col)} is not null and ${sql.ref(col)} not in ('[]', '', 'null'))`;
}

/**
 * Engagement of a post = reposts + replies + likes (views left out: they dwarf the rest and few sources have
 * them); the same "interactions" the warning rules use (src/analysis/events/warning.ts).
 */
export function engagementSql(dialect: Dialect): RawBuilder<number> {
  if (dialect === 'postgres') {
    const f = (k: string) => sql`coalesce((posts.engagement::jsonb ->> ${sql.lit(k)})::numeric, 0)`;
    return sql<number>`(${f('reposts')} + ${f('replies')} + ${f('likes')})`;
  }
  const f = (k: string) => sql`coalesce(json_extract(posts.engagement, ${sql.lit(`$.${k}`)}), 0)`;
  return sql<number>`(case when json_valid(posts.engagement) then ${f('reposts')} + ${f('replies')} + ${f('likes')} else 0 end)`;
}

/** A short title for a post without one: its first line, at most 60 characters. */
export function titleOf(title: string | null, text: string): string {
  if (title && title.trim()) return title.trim();
  const first = text.trim().split(/\n/)[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 60)}…` : first;
}

export function excerptOf(text: string, max = 140): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

export function chunks<T>(xs: readonly T[], n = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

const ROLE_ZH: Record<string, string> = {
  admin: '管理员',
  analyst: '分析员',
  duty_officer: '值班员',
  leader: '领导',
  unit_liaison: '单位联络员',
};

/** "张三（值班员）", or the role alone when the person is unknown (system actions: "系统"). */
export function actorLabel(name: string | null | undefined, role: string): string {
  const r = ROLE_ZH[role] ?? role;
  if (name) return `${name}（${r}）`;
  return role === 'system' ? '系统' : r;
}

/** Reply channels (src/cases/case-actions.ts REPLY_CHANNELS) as an office names them; other values pass through. */
const CHANNEL_ZH: Record<string, string> = {
  website: '政府网站',
  message_board: '留言板',
  weibo: '政务微博',
  wechat: '政务微信',
  douyin: '政务抖音',
  news_release: '新闻发布',
  hotline: '12345热线',
  phone: '电话',
  in_person: '当面',
  other: '其他',
};
export const channelZh = (c: string): string => CHANNEL_ZH[c] ?? c;
