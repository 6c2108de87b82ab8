/**
 * Derived posts: Weibo-style reposts with their `//@作者:` chains, near-copies (a post copied by someone else with
 * small edits), short comments, and the same text written in Traditional characters.
 */
import { Converter } from 'opencc-js/cn2t';
import { emoticons } from './lexicon.ts';
import type { Rng } from './prng.ts';
import type { Tone } from './types.ts';

export interface SourceText {
  id: string;
  author: string;
  title: string;
  text: string;
  tone: Tone;
}

const REPOST_COMMENTS: Record<Tone, string[]> = {
  negative: ['{太|真}{过分|离谱}了', '{扩散|转发}{一下|扩散}', '{希望|求}{早日|尽快}解决', '{我们那里|我家那边}也{是这样|一样}', '{有没有人管|怎么没人管}？', '{心疼|可怜}{孩子|老百姓}', '{气死了|无语}', '顶上去让领导看到'],
  neutral: ['转发微博', '{mark|马克}一下', '{真的假的|是真的吗}？', '{关注|坐等后续}', '{同问|蹲一个}', '{吃瓜|围观}'],
  positive: ['{点赞|赞}', '{好样的|给力}', '{暖心|感动}', '{支持|顶}', '{这才对嘛|这样才好}'],
};

function pickFill(rng: Rng, template: string): string {
  return template.replace(/\{([^{}]*)\}/g, (_m, body: string) => rng.pick(body.split('|')));
}

/** A repost: the reposter's short comment, then `//@author:` and the reposted text (which may itself be a chain). */
export function repostOf(rng: Rng, src: SourceText): { title: string; text: string; tone: Tone } {
  const tone: Tone = rng.chance(0.8) ? src.tone : rng.pick<Tone>(['negative', 'neutral', 'positive']);
  let comment = pickFill(rng, rng.pick(REPOST_COMMENTS[tone]));
  if (rng.chance(0.5)) comment += emoticons(rng, tone, 2);
  return { title: '转发微博', text: `${comment}//@${src.author}:${src.text}`, tone };
}

const COPY_PREFIXES = ['转：', '【转】', '{看到|刚看到}{群里|朋友圈}{说|发的}：', '{扩散|转}：', '{朋友|同事}发来的：', ''];
const COPY_SUFFIXES = ['{大家|各位}{注意|小心}！', '（转自{朋友圈|网络|业主群}）', '{转给|告诉}{家里人|身边的人}。', '', ''];
const SWAPS: readonly (readonly [string, string])[] = [
  ['已经', '早就'], ['非常', '特别'], ['现在', '目前'], ['希望', '盼望'], ['孩子', '娃儿'], ['没人', '没有人'], ['一下', '一哈'],
  ['，', ' '], ['！', '!!'], ['？', '?'], ['了', '啦'], ['这个', '这'], ['我们', '咱们'],
];

/** A near-copy: the same text with a prefix or suffix, a few words swapped, a sentence dropped or emoticons changed. */
export function nearCopyOf(rng: Rng, src: SourceText): { title: string; text: string; tone: Tone } {
  let text = src.text.replace(/\/\/@[^:：]+[:：]/g, '');
  const swaps = rng.sample(SWAPS, rng.int(1, 3));
  for (const [a, b] of swaps) {
    const i = text.indexOf(a);
    if (i >= 0) text = text.slice(0, i) + b + text.slice(i + a.length);
  }
  const sentences = text.split(/(?<=[。！？])/);
  if (sentences.length > 4 && rng.chance(0.4)) sentences.splice(rng.int(1, sentences.length - 1), 1);
  text = sentences.join('');
  text = text.replace(/\[[^\]\s]{1,6}\]/g, (m) => (rng.chance(0.5) ? m : ''));
  text = pickFill(rng, rng.pick(COPY_PREFIXES)) + text + pickFill(rng, rng.pick(COPY_SUFFIXES));
  const title = rng.chance(0.5) ? src.title : pickFill(rng, rng.pick(['{转|扩散}：', '【转】', ''])) + src.title;
  return { title, text, tone: src.tone };
}

const COMMENTS: Record<Tone, string[]> = {
  negative: ['{同感|一样}，{我们|我家}{那边|小区}也是', '{早就该|早该}{管管|处理}了', '{楼主|博主}说得对', '{反映|打电话}{多少次了|没用}，{没人管|石沉大海}', '{顶|顶上去}，{让|要让}{领导|上面}看到'],
  neutral: ['{求|蹲}后续', '{在哪里|具体哪个位置}？', '{真的吗|是真的吗}？', '{谢谢|感谢}{提醒|分享}', '{+1|同问}'],
  positive: ['{赞|点赞}', '{确实|的确}{不错|变化很大}', '{支持|赞同}', '{好人一生平安|辛苦了}'],
};

/** A short comment on a post. */
export function commentOn(rng: Rng, src: SourceText): { title: string; text: string; tone: Tone } {
  const tone: Tone = rng.chance(0.75) ? src.tone : 'neutral';
  const [first, second] = rng.sample(COMMENTS[tone], 2);
  let text = pickFill(rng, first ?? '');
  if (second && rng.chance(0.3)) text += pickFill(rng, second);
  if (rng.chance(0.4)) text += emoticons(rng, tone, 2);
  return { title: `回复@${src.author}`, text, tone };
}

let toTraditional: ((s: string) => string) | null = null;

/** The text in Traditional characters (Hong Kong usage); @account names stay as they are. */
export function traditional(s: string): string {
  const conv = (toTraditional ??= Converter({ from: 'cn', to: 'hk' }));
  return s
    .split(/(@[^\s:：@#[]+)/)
    .map((part) => (part.startsWith('@') ? part : conv(part)))
    .join('');
}
