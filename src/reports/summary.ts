/**
 * The report's opening summary (综述). Default: sentences built from the report data (facts), each citing the posts
 * it rests on. Optional: an OpenAI-compatible chat endpoint (e.g. an office's local model) rewrites the facts
 * under a token budget; every claim it returns must cite posts we gave it and may only use numbers present in the
 * facts or cited posts, or it is dropped. Any failure falls back to the template summary, with the reason noted.
 */
import { fetch } from 'undici';
import { z } from 'zod';
import { levelZh, pct } from './labels.ts';
import type { AnyReportData, LinkedPost } from './types.ts';

export interface SummaryFact {
  text: string;
  postIds: string[];
}

export interface SummaryParagraph {
  text: string;
  citedPostIds: string[];
}

export interface SummaryResult {
  method: 'template' | 'llm';
  paragraphs: SummaryParagraph[];
  /** Why the LLM summary was not used, or how many claims were dropped. */
  note: string | null;
}

export interface LlmSummaryOptions {
  /** e.g. http://127.0.0.1:8000/v1 — `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  timeoutMs?: number;
}

export function summaryFacts(data: AnyReportData): SummaryFact[] {
  if ('event' in data) {
    const e = data.event;
    return [
      {
        text: `事件“${e.title}”首发于 ${e.firstSeenAt.slice(0, 10)}，共 ${e.postCount} 条相关信息，预警${levelZh(e.level)}。`,
        postIds: e.representativePosts.map((p) => p.id),
      },
      ...(e.levelReasons.length
        ? [
            {
              text: `定级依据：${e.levelReasons.join('；')}。`,
              postIds: e.representativePosts.slice(0, 1).map((p) => p.id),
            },
          ]
        : []),
      { text: data.stateNow.text, postIds: data.keyPosts.items.slice(0, 2).map((p) => p.id) },
    ];
  }
  const t = data.totals;
  const neg = t.bySentiment.find((s) => s.key === 'negative')?.current ?? 0;
  const facts: SummaryFact[] = [
    {
      text: `本期共监测到相关信息 ${t.total} 条（上期 ${t.previousTotal} 条），其中负面 ${neg} 条，占 ${pct(t.total ? neg / t.total : null)}。`,
      postIds: [],
    },
  ];
  const evs = 'events' in data ? data.events.items : data.topEvents.items;
  for (const e of evs.slice(0, 3))
    facts.push({
      text: `“${e.title}”本期 ${e.postsInRange} 条${e.isNew ? '（新发）' : ''}，预警${levelZh(e.level)}${e.levelReasons[0] ? `，${e.levelReasons[0]}` : ''}。`,
      postIds: e.representativePosts.map((p) => p.id),
    });
  if ('negativeItems' in data && data.negativeItems.total > 0)
    facts.push({
      text: `涉及本地地点或单位的负面信息 ${data.negativeItems.total} 条。`,
      postIds: data.negativeItems.items.slice(0, 3).map((p: LinkedPost) => p.id),
    });
  const l = data.ledger;
  facts.push({
    text: `台账新登记 ${l.opened.length} 件，答复 ${l.replied.length} 件，超期未答复 ${l.overdue.length} 件。`,
    postIds: [],
  });
  if ('unitStats' in data && data.unitStats.overall.cases > 0)
    facts.push({
      text: `本期办件处置率 ${pct(data.unitStats.overall.handledRate)}，按时率 ${pct(data.unitStats.overall.onTimeRate)}，满意率 ${pct(data.unitStats.overall.satisfactionRate)}。`,
      postIds: [],
    });
  return facts;
}

export function templateSummary(facts: SummaryFact[]): SummaryResult {
  return { method: 'template', paragraphs: facts.map((f) => ({ text: f.text, citedPostIds: f.postIds })), note: null };
}

/** Rough token count: one per CJK character, one per four other characters. */
export function estimateTokens(s: string): number {
  const cjk = (s.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length;
  return cjk + Math.ceil((s.length - cjk) / 4);
}

const ReplySchema = z.object({ claims: z.array(z.object({ text: z.string().min(1), post_ids: z.array(z.string()) })) });

function numbersIn(s: string): string[] {
  return (s.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n)));
}

export async function llmSummary(
  facts: SummaryFact[],
  posts: LinkedPost[],
  o: LlmSummaryOptions,
): Promise<SummaryResult> {
  const fallback = (why: string): SummaryResult => ({
    ...templateSummary(facts),
    note: `未采用模型综述（${why}），使用模板综述。`,
  });
  const system =
    '你是县级网络舆情工作人员的写作助手。只依据用户给出的“事实”和“帖文”写一段综述，不得编造事实或数字。' +
    '只输出 JSON：{"claims":[{"text":"一句论断","post_ids":["所依据的帖文id"]}]}。每条论断至少引用一条给出的帖文 id。';
  const factLines = facts
    .map((f, i) => `F${i + 1}：${f.text}${f.postIds.length ? `（帖文：${f.postIds.join('、')}）` : ''}`)
    .join('\n');
  let budget = o.maxInputTokens - estimateTokens(system) - estimateTokens(factLines) - 50;
  if (budget <= 0) return fallback('事实超出输入 token 预算');
  const postLines: string[] = [];
  const given = new Set<string>();
  for (const p of posts) {
    const line = `[${p.id}] ${p.sourceName}｜${p.title}｜${p.excerpt.slice(0, 200)}`;
    const cost = estimateTokens(line) + 1;
    if (cost > budget) break;
    budget -= cost;
    postLines.push(line);
    given.add(p.id);
  }
  if (given.size === 0) return fallback('没有可引用的帖文');
  let content: string;
  try {
    const res = await fetch(`${o.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
      body: JSON.stringify({
        model: o.model,
        temperature: 0.2,
        max_tokens: o.maxOutputTokens,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: `事实：\n${factLines}\n\n帖文：\n${postLines.join('\n')}` },
        ],
      }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
    });
    if (!res.ok) return fallback(`模型服务返回 HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const c = body.choices?.[0]?.message?.content;
    if (typeof c !== 'string') return fallback('模型服务应答缺少 choices[0].message.content');
    content = c;
  } catch (e) {
    return fallback(`调用模型服务失败：${(e as Error).message}`);
  }
  let parsed: z.infer<typeof ReplySchema>;
  try {
    const json = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
    parsed = ReplySchema.parse(JSON.parse(json));
  } catch {
    return fallback('模型输出不是约定的 JSON');
  }
  const known = new Set(facts.flatMap((f) => numbersIn(f.text)));
  const postText = new Map(posts.map((p) => [p.id, `${p.title} ${p.excerpt}`]));
  const kept: SummaryParagraph[] = [];
  let dropped = 0;
  for (const c of parsed.claims) {
    const ids = [...new Set(c.post_ids)];
    const cited = ids.length > 0 && ids.every((id) => given.has(id));
    const allowed = new Set([...known, ...ids.flatMap((id) => numbersIn(postText.get(id) ?? ''))]);
    const grounded = numbersIn(c.text).every((n) => allowed.has(n));
    if (cited && grounded) kept.push({ text: c.text, citedPostIds: ids });
    else dropped++;
  }
  if (kept.length === 0) return fallback('模型输出的论断均未正确引用帖文');
  return {
    method: 'llm',
    paragraphs: kept,
    note: dropped ? `模型输出中 ${dropped} 条论断因引用或数字无法核对而被删去。` : null,
  };
}

/** Posts a summary may cite: those the report itself shows. */
export function citablePosts(data: AnyReportData): LinkedPost[] {
  const seen = new Map<string, LinkedPost>();
  const add = (ps: LinkedPost[]) => ps.forEach((p) => seen.set(p.id, p));
  if ('event' in data) {
    add(data.event.representativePosts);
    add(data.keyPosts.items);
  } else {
    for (const e of 'events' in data ? data.events.items : data.topEvents.items) add(e.representativePosts);
    if ('negativeItems' in data) add(data.negativeItems.items);
  }
  return [...seen.values()];
}

export async function buildSummary(data: AnyReportData, llm?: LlmSummaryOptions): Promise<SummaryResult> {
  const facts = summaryFacts(data);
  return llm ? llmSummary(facts, citablePosts(data), llm) : templateSummary(facts);
}
