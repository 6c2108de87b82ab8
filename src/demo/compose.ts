/**
 * Composers: turn a topic into the text of one post for one channel — a forum thread, a formal letter to the
 * leaders' message board, a Weibo-style short post, a 12345 hotline ticket or a local news item. Each draws several
 * sentence pieces, so texts on the same topic differ in content and length.
 */
import { CHATTER_TOPICS, NEWS_GENERIC, NEWS_TOPICS } from './chatter.ts';
import { DEMO_LANDMARKS, unitById } from './county.ts';
import { Scene } from './expand.ts';
import { NEG_CLOSERS, NEU_CLOSERS, POS_CLOSERS, SLOTS, emoticons, hashtag, pickTownVillage } from './lexicon.ts';
import { LETTER } from './letter-frames.ts';
import type { Rng } from './prng.ts';
import { COMPLAINT_TOPICS, PRAISE_TOPICS, QUESTION_TOPICS, type ComplaintTopic } from './topics.ts';
import type { PostKind, Tone } from './types.ts';

export type Channel = 'weibo' | 'bbs' | 'mailbox' | 'hotline' | 'news';

export interface Draft {
  kind: PostKind;
  title: string;
  text: string;
  tone: Tone;
  unitId?: string;
  /** Hotline category, for tickets. */
  category?: string;
  /** Hotline call type, for tickets. */
  callType?: string;
  /** Town id the scene is set in. */
  townId?: string;
  /** Village id the scene is set in. */
  villageId?: string;
}

const NEAR_KINDS = ['road', 'school', 'estate'] as const;
/** Landmark names by `townId/kind`. */
const NEARBY = new Map<string, string[]>();
for (const l of DEMO_LANDMARKS) {
  const key = `${l.placeId}/${l.kind}`;
  NEARBY.set(key, [...(NEARBY.get(key) ?? []), l.name]);
}

/** A scene set in one town and village (random unless given). */
export function newScene(rng: Rng, townId?: string, at?: Date): Scene {
  const { town, village } = pickTownVillage(rng, townId);
  const scene = new Scene(rng, SLOTS);
  if (at) setDateSlots(scene, at);
  scene.set('town', town.name).set('village', village.name).set('townId', town.id).set('villageId', village.id);
  // People mostly write about the roads, schools and estates near them.
  for (const kind of NEAR_KINDS) {
    const near = NEARBY.get(`${town.id}/${kind}`);
    if (near && rng.chance(0.7)) scene.set(kind, rng.pick(near));
  }
  return scene;
}

/** Fix the date slots to the post's own time: {date} is today, {month} a recent month, {nextMonth} a coming one. */
export function setDateSlots(scene: Scene, at: Date): void {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const mo = local.getUTCMonth();
  scene.set('date', `${mo + 1}月${local.getUTCDate()}日`);
  scene.set('month', `${((mo - scene.rng.int(0, 5) + 12) % 12) + 1}月`);
  scene.set('nextMonth', `${((mo + scene.rng.int(1, 4)) % 12) + 1}月`);
}

export const OPENERS = ['本人{是|住在}{town}{village}，', '{各位|大家}好，{想|}{反映|说}{一个|个}问题：', '{住在|家在}{village}的{网友|老百姓}{想问问|来说说}：', '{没办法了|实在忍不了了}，{只能|只好}{发帖|上论坛}{求助|说一说}。', '', ''];

export function closer(scene: Scene, tone: Tone): string {
  return scene.pick(tone === 'negative' ? NEG_CLOSERS : tone === 'positive' ? POS_CLOSERS : NEU_CLOSERS);
}

export function sentence(s: string): string {
  return /[。！？!?…~」”)）：:]$/.test(s) || s === '' ? s : `${s}。`;
}

/** A complaint on one topic, rendered for the channel. */
export function composeComplaint(rng: Rng, channel: Channel, at?: Date, topic?: ComplaintTopic): Draft {
  const t = topic ?? rng.pick(COMPLAINT_TOPICS);
  const scene = newScene(rng, undefined, at);
  const base = { kind: 'complaint' as PostKind, tone: 'negative' as Tone, unitId: t.unit, category: t.category, townId: scene.get('townId'), villageId: scene.get('villageId') };
  // Titles and problems are written in matching order: the title names the problem the post describes.
  const i = rng.int(0, t.problems.length - 1);
  const title = scene.fill(t.titles[i % t.titles.length] as string);
  const problem = sentence(scene.fill(t.problems[i] as string));
  switch (channel) {
    case 'weibo': {
      const tag = rng.chance(0.5) ? hashtag(rng) : '';
      const detail = rng.chance(0.5) ? scene.pick(t.details) : '';
      const at = rng.chance(0.25) ? ` @临澜发布 @${unitById(t.unit).shortName}` : '';
      return { ...base, title, text: `${tag}${problem}${detail}${closer(scene, 'negative')}${emoticons(rng, 'negative')}${at}` };
    }
    case 'hotline':
      return { ...base, kind: 'ticket', callType: '投诉', title, text: ticketText(scene, problem + scene.some(t.details, 0, 1), scene.pick(t.asks)) };
    case 'mailbox':
      return { ...base, kind: 'letter', title, text: letterText(scene, t, problem, t.unit) };
    case 'bbs':
    case 'news': {
      const parts = [scene.pick(OPENERS) + problem, scene.some(t.details, 1, 3), scene.some(t.impacts, 0, 2)];
      if (rng.chance(0.4)) parts.push(scene.pick(LETTER.attempts));
      parts.push(scene.pick(t.asks), closer(scene, 'negative'));
      return { ...base, title, text: paragraphs(rng, parts) + forumEmoticons(rng, 'negative') };
    }
  }
}

export interface LetterParts {
  details: readonly string[];
  impacts: readonly string[];
  asks: readonly string[];
}

/** A formal letter to the leaders' message board (领导留言板 / 县长信箱): long, polite, structured. */
export function letterText(scene: Scene, t: LetterParts, problem: string, unitId: string): string {
  const rng = scene.rng;
  scene.set('unit', unitById(unitId).shortName);
  const details = rng.sample(t.details, rng.int(2, t.details.length)).map((d) => sentence(scene.fill(d)));
  const body = [
    scene.pick(LETTER.salutations),
    scene.pick(LETTER.intros),
  ];
  if (rng.chance(0.6)) body.push(scene.pick(LETTER.backgrounds));
  body.push(
    scene.pick(LETTER.situation) + problem + details.slice(0, 2).join(''),
    sentence(scene.some(t.impacts, 1, 1)) + scene.pick(LETTER.impactTail),
    scene.pick(LETTER.attempts),
  );
  if (details.length > 2) body.push(scene.pick(LETTER.moreIntro) + details.slice(2).join(''));
  if (rng.chance(0.6)) body.push(scene.pick(LETTER.reasons));
  body.push(sentence(scene.some(t.asks, 1, 2)) + scene.pick(LETTER.hopes));
  body.push(scene.pick(LETTER.closings));
  body.push(scene.pick(LETTER.signatures));
  return body.map(sentence).join('\n');
}

/** A 12345 ticket's content, in the operator's third-person wording. */
export function ticketText(scene: Scene, what: string, ask: string): string {
  const third = (s: string) => s.replace(/我们/g, '当地群众').replace(/我家/g, '其家').replace(/我/g, '来电人');
  return scene.fill(`{市民来电反映|群众来电反映|来电人反映|来电人称}：{town}{village}，`) + third(what) + '诉求：' + third(sentence(ask)) + scene.pick(['', '请相关单位核实处理。', '来电人要求尽快回复。', '请予以处理并回复来电人。']);
}

/** Forum posters add an emoticon now and then. */
export function forumEmoticons(rng: Rng, tone: Tone): string {
  return rng.chance(0.25) ? emoticons(rng, tone, 2) : '';
}

export function paragraphs(rng: Rng, parts: string[]): string {
  const sentences = parts.map(sentence).filter((s) => s.length > 0);
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    cur += s;
    if (rng.chance(0.4)) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out.join('\n');
}

export function composePraise(rng: Rng, channel: Channel, at?: Date): Draft {
  const t = rng.pick(PRAISE_TOPICS);
  const scene = newScene(rng, undefined, at);
  const title = scene.pick(t.titles);
  const base = { kind: 'praise' as PostKind, tone: 'positive' as Tone, unitId: t.unit, townId: scene.get('townId'), villageId: scene.get('villageId') };
  const main = scene.some(t.lines, 1, channel === 'weibo' ? 1 : 3, '，');
  if (channel === 'weibo') {
    const tag = rng.chance(0.5) ? hashtag(rng, '临澜正能量') : '';
    return { ...base, title, text: `${tag}${sentence(main)}${closer(scene, 'positive')}${emoticons(rng, 'positive')}` };
  }
  if (channel === 'hotline') {
    return { ...base, kind: 'ticket', callType: '表扬', category: '表扬', title, text: ticketText(scene, sentence(main), '来电人对相关单位表示感谢。') };
  }
  return { ...base, title, text: paragraphs(rng, [scene.pick(OPENERS) + main, closer(scene, 'positive'), closer(scene, 'positive')]) + forumEmoticons(rng, 'positive') };
}

export function composeChatter(rng: Rng, channel: Channel, at?: Date): Draft {
  const t = rng.pick(CHATTER_TOPICS);
  const scene = newScene(rng, undefined, at);
  const title = scene.pick(t.titles);
  const base = { kind: 'chatter' as PostKind, tone: 'neutral' as Tone, townId: scene.get('townId'), villageId: scene.get('villageId') };
  if (channel === 'weibo') {
    const tag = rng.chance(0.6) ? hashtag(rng, t.hashtag) : '';
    return { ...base, title, text: `${tag}${scene.some(t.lines, 1, 2, '，')}${rng.chance(0.6) ? emoticons(rng, 'neutral', 2) : '。'}` };
  }
  return { ...base, title, text: paragraphs(rng, [scene.some(t.lines, 2, 3, '。'), closer(scene, 'neutral')]) + forumEmoticons(rng, 'neutral') };
}

export function composeQuestion(rng: Rng, channel: Channel, at?: Date): Draft {
  const t = rng.pick(QUESTION_TOPICS);
  const scene = newScene(rng, undefined, at);
  const title = scene.pick(t.titles);
  const base = { kind: 'question' as PostKind, tone: 'neutral' as Tone, unitId: t.unit, townId: scene.get('townId'), villageId: scene.get('villageId') };
  const q = scene.some(t.questions, 1, 2);
  const bg = sentence(scene.pick(t.backgrounds));
  if (channel === 'hotline') return { ...base, kind: 'ticket', callType: '咨询', category: '政策咨询', title, text: ticketText(scene, bg, q) };
  if (channel === 'mailbox') {
    scene.set('unit', unitById(t.unit).shortName);
    const text = [scene.pick(LETTER.salutations), scene.pick(LETTER.questionIntros), bg + q, scene.pick(LETTER.questionTails), scene.pick(LETTER.signatures)];
    return { ...base, kind: 'letter', title, text: text.map(sentence).join('\n') };
  }
  if (channel === 'weibo') return { ...base, title, text: `${bg}${q}${emoticons(rng, 'neutral', 1)} @临澜发布` };
  return { ...base, title, text: paragraphs(rng, [bg, q, closer(scene, 'neutral')]) };
}

export function composeNews(rng: Rng, at?: Date): Draft {
  const t = rng.pick(NEWS_TOPICS);
  const scene = newScene(rng, undefined, at);
  const title = scene.pick(t.titles);
  const bodies = rng.sample(t.bodies, rng.int(1, t.bodies.length)).map((b) => scene.fill(b));
  const generic = rng.sample(NEWS_GENERIC.slice(0, -1), rng.int(1, 3)).map((b) => scene.fill(b));
  const byline = rng.chance(0.5) ? [scene.fill(NEWS_GENERIC[NEWS_GENERIC.length - 1] ?? '')] : [];
  const text = [scene.pick(t.leads), ...bodies, ...generic, ...byline].join('\n');
  return { kind: 'news', tone: 'neutral', unitId: t.unit, title, text, townId: scene.get('townId'), villageId: scene.get('villageId') };
}

const WEIBO_PREFIXES = ['说真的，', '家人们，', '刚刚{hour}路过{road}，', '下班路上想起来，', '{when}的事：', '救命，', '不吐不快：', '有一说一，', '路过{village}，', '讲个事，'];
const WEIBO_SUFFIXES = ['[组图共{n}张]', '（图）', '#随手拍#', '#临澜身边事#', '{n}楼说得对', '先发为敬', '求扩散', '留个记录', '视频在评论区'];

/** Microblog habits: a lead-in now and then, a location tag, a picture marker, a trailing tag. */
export function weiboDecor(rng: Rng, text: string, townId?: string): string {
  const scene = newScene(rng, townId);
  let out = text;
  if (rng.chance(0.35)) out = scene.pick(WEIBO_PREFIXES) + out;
  if (rng.chance(0.3)) out += scene.pick(WEIBO_SUFFIXES);
  if (rng.chance(0.25)) out += ` 📍临澜·${scene.get('town')}${rng.chance(0.5) ? scene.get('village') : ''}`;
  return out;
}
