/**
 * The demo post generator: a deterministic stream of Chinese posts about the demo county, hour by hour — everyday
 * posts with a daily rhythm, plus storylines that burst and fade, with their official replies and releases.
 * Memory stays flat however many posts are asked for: only the current hour and a few bounded buffers are held.
 */
import { placeById, unitById } from './county.ts';
import { composeChatter, composeComplaint, composeNews, composePraise, composeQuestion, weiboDecor, type Channel, type Draft } from './compose.ts';
import { callerName, nickname } from './lexicon.ts';
import { engagementFor, hotlineFields, mentionedPlaces, ticketNumber, urlFor } from './post-fields.ts';
import { createRng, mixSeed, type Rng } from './prng.ts';
import { composeLetterReply } from './replies.ts';
import { rateAt, spanHours, type StorylineSpec } from './storyline-types.ts';
import { composeOfficial, composeStorylinePost, STORYLINE_IDS, STORYLINES } from './storylines.ts';
import type { DemoPost, DemoSourceKind, ForumSection, GenerateOptions, StorylineId } from './types.ts';
import { commentOn, nearCopyOf, repostOf, traditional, type SourceText } from './variants.ts';

const HOUR = 3600_000;
/** Relative activity by local hour (China time), averaging 1. */
const DIURNAL = [0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.8, 1.2, 1.4, 1.4, 1.3, 1.3, 1.1, 1.1, 1.2, 1.2, 1.1, 1.0, 1.2, 1.5, 1.6, 1.3, 0.7];
const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / 24;

type BgKind = 'chatter' | 'complaint' | 'praise' | 'question' | 'repost' | 'comment' | 'copy' | 'news';
const BG_CHANNELS: readonly (readonly [Channel, number])[] = [['weibo', 45], ['bbs', 25], ['mailbox', 7], ['hotline', 15], ['news', 8]];
const BG_KINDS: Record<Channel, readonly (readonly [BgKind, number])[]> = {
  weibo: [['chatter', 30], ['complaint', 25], ['praise', 12], ['question', 5], ['repost', 15], ['comment', 10], ['copy', 3]],
  bbs: [['chatter', 35], ['complaint', 40], ['praise', 15], ['question', 10], ['copy', 3]],
  mailbox: [['complaint', 75], ['question', 25]],
  hotline: [['complaint', 70], ['question', 25], ['praise', 5]],
  news: [['news', 1]],
};

interface Buffered extends SourceText {
  sourceKind: DemoSourceKind;
  placeIds: string[];
  storyline?: StorylineId;
}

interface PendingReply {
  at: number;
  letterId: string;
  title: string;
  unitId: string;
  town: string;
  townId?: string;
  village: string;
}

interface Planned {
  at: number;
  order: number;
  make: (at: Date) => DemoPost | null;
}

/** A bounded ring of recent posts that reposts, copies and comments draw from. */
class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
  }
  pick(rng: Rng): T | undefined {
    return this.items.length === 0 ? undefined : rng.pick(this.items);
  }
  /** A random item that satisfies `ok`, trying a few times. */
  pickWhere(rng: Rng, ok: (item: T) => boolean): T | undefined {
    for (let i = 0; i < 4; i++) {
      const item = this.pick(rng);
      if (item !== undefined && ok(item)) return item;
    }
    return undefined;
  }
}

function channelKind(channel: Channel): { sourceKind: DemoSourceKind; section?: ForumSection } {
  switch (channel) {
    case 'weibo':
      return { sourceKind: 'json' };
    case 'bbs':
      return { sourceKind: 'forum', section: 'bbs' };
    case 'mailbox':
      return { sourceKind: 'forum', section: 'mailbox' };
    case 'hotline':
      return { sourceKind: 'hotline' };
    case 'news':
      return { sourceKind: 'rss' };
  }
}

function storylineChannel(c: DemoSourceKind | 'mailbox'): Channel {
  return c === 'json' ? 'weibo' : c === 'forum' ? 'bbs' : c === 'rss' ? 'news' : c;
}

/** Default start of each storyline: spread over the period by each storyline's `defaultAt` share. */
export function storylineStarts(opts: GenerateOptions): Map<StorylineId, number> {
  const out = new Map<StorylineId, number>();
  for (const id of STORYLINE_IDS) {
    const given = opts.storylines?.[id];
    if (given === null) continue;
    out.set(id, given ? given.getTime() : opts.start.getTime() + STORYLINES[id].defaultAt * opts.days * 24 * HOUR);
  }
  return out;
}

/** Generate the posts of the period in time order. Same options → same posts. */
export function* generatePosts(opts: GenerateOptions): Generator<DemoPost, void, undefined> {
  if (!(opts.days > 0) || !(opts.postsPerDay >= 0) || Number.isNaN(opts.start.getTime())) {
    throw new Error('TF_ERR_DEMO_OPTIONS: days must be > 0, postsPerDay >= 0 and start a valid date');
  }
  const rng = createRng(mixSeed(opts.seed, 0x5eed));
  const startMs = opts.start.getTime();
  const endMs = startMs + opts.days * 24 * HOUR;
  const scale = Math.max(0.5, opts.postsPerDay / 400);
  const starts = storylineStarts(opts);
  const recent = new Ring<Buffered>(400);
  const recentWeibo = new Ring<Buffered>(300);
  const storyRecent = new Map<StorylineId, Ring<Buffered>>(STORYLINE_IDS.map((id) => [id, new Ring<Buffered>(150)]));
  const firstLetter = new Map<StorylineId, string>();
  const pending: PendingReply[] = [];
  let seq = 0;
  let emitted = 0;
  const max = opts.maxPosts ?? Number.POSITIVE_INFINITY;

  const finish = (d: Draft, at: Date, sourceKind: DemoSourceKind, section: ForumSection | undefined, extra: Partial<DemoPost>, boost: number): DemoPost => {
    seq++;
    const id = `p${seq}`;
    const ticketNo = sourceKind === 'hotline' ? ticketNumber(at, seq) : undefined;
    let { title, text } = d;
    if (sourceKind === 'json' && !extra.isOfficial && (d.kind === 'chatter' || d.kind === 'praise' || d.kind === 'complaint' || d.kind === 'question')) text = weiboDecor(rng, text, d.townId);
    let isTraditional = false;
    if (!extra.isOfficial && (sourceKind === 'json' || sourceKind === 'forum') && rng.chance(0.03)) {
      title = traditional(title);
      text = traditional(text);
      isTraditional = true;
    }
    const post: DemoPost = {
      id, sourceKind, kind: d.kind, title, text,
      author: extra.author ?? (sourceKind === 'hotline' ? callerName(rng) : sourceKind === 'rss' ? '临澜新闻网' : nickname(rng)),
      publishedAt: at,
      url: urlFor(sourceKind, id, section, ticketNo),
      engagement: engagementFor(rng, sourceKind, d.kind, boost),
      tone: d.tone,
      placeIds: extra.placeIds ?? mentionedPlaces(title + text, [d.townId, d.villageId]),
    };
    if (section) post.section = section;
    if (d.unitId) post.unitId = d.unitId;
    if (isTraditional) post.traditional = true;
    if (ticketNo) post.hotline = hotlineFields(ticketNo, d.callType ?? '投诉', d.category ?? '其他', d.townId, d.unitId);
    for (const k of ['storyline', 'isOfficial', 'officialKind', 'repostOf', 'copyOf', 'replyTo'] as const) {
      if (extra[k] !== undefined) Object.assign(post, { [k]: extra[k] });
    }
    if (extra.author) post.author = extra.author;
    return post;
  };

  const remember = (p: DemoPost) => {
    const b: Buffered = { id: p.id, sourceKind: p.sourceKind, author: p.author, title: p.title, text: p.text, tone: p.tone, placeIds: p.placeIds, storyline: p.storyline };
    if ((p.sourceKind === 'json' || p.sourceKind === 'forum') && p.kind !== 'comment') {
      if (p.storyline) storyRecent.get(p.storyline)?.push(b);
      else if (!p.isOfficial) recent.push(b);
      if (p.sourceKind === 'json' && !p.storyline) recentWeibo.push(b);
    }
    if (p.kind === 'letter' && p.storyline && !firstLetter.has(p.storyline)) firstLetter.set(p.storyline, p.id);
    if (p.kind === 'letter' && !p.storyline && p.unitId && rng.chance(0.4)) {
      const town = p.placeIds.map((id) => placeById(id)).find((pl) => pl.kind !== 'county' && pl.kind !== 'village' && pl.kind !== 'community');
      pending.push({ at: p.publishedAt.getTime() + rng.int(4, 96) * HOUR + rng.int(0, 3599) * 1000, letterId: p.id, title: p.title, unitId: p.unitId, town: town?.name ?? '', townId: town?.id, village: '' });
      pending.sort((a, b2) => a.at - b2.at);
    }
  };

  const derived = (kind: 'repost' | 'copy' | 'comment', src: Buffered, sourceKind: DemoSourceKind, section: ForumSection | undefined, at: Date, boost: number): DemoPost => {
    const v = kind === 'repost' ? repostOf(rng, src) : kind === 'copy' ? nearCopyOf(rng, src) : commentOn(rng, src);
    const link = kind === 'repost' ? { repostOf: src.id } : kind === 'copy' ? { copyOf: src.id } : { replyTo: src.id };
    return finish({ kind, title: v.title, text: v.text, tone: v.tone }, at, sourceKind, section, { ...link, placeIds: src.placeIds, storyline: src.storyline }, boost);
  };

  const background = (at: Date): DemoPost | null => {
    const channel = rng.weighted(BG_CHANNELS);
    const { sourceKind, section } = channelKind(channel);
    const kind = rng.weighted(BG_KINDS[channel]);
    if (kind === 'repost' || kind === 'copy' || kind === 'comment') {
      const src = (kind === 'copy' ? recent : recentWeibo).pick(rng);
      if (src) return derived(kind, src, sourceKind, section, at, 1);
    }
    const draft =
      kind === 'news' ? composeNews(rng, at) : kind === 'praise' ? composePraise(rng, channel, at) : kind === 'question' ? composeQuestion(rng, channel, at) : kind === 'complaint' ? composeComplaint(rng, channel, at) : composeChatter(rng, channel, at);
    return finish(draft, at, sourceKind, section, {}, 1);
  };

  const storyPost = (spec: StorylineSpec, hourSince: number, at: Date): DemoPost => {
    const channel = storylineChannel(rng.weighted(spec.channels));
    const { sourceKind, section } = channelKind(channel);
    const phase = spec.phases.find((p) => hourSince >= p.from && hourSince < p.to);
    const share = phase?.repostShare ?? 0;
    const boost = 2 + 2 * rateAt(spec, hourSince) / 10;
    if ((channel === 'weibo' && rng.chance(share)) || (channel === 'bbs' && rng.chance(share / 3))) {
      const kind = channel === 'weibo' && rng.chance(0.7) ? 'repost' : 'copy';
      const ring = storyRecent.get(spec.id);
      const src = kind === 'repost' ? ring?.pickWhere(rng, (b) => b.sourceKind === 'json') : ring?.pick(rng);
      if (src) return derived(kind, src, sourceKind, section, at, boost);
    }
    return finish(composeStorylinePost(rng, spec, hourSince, channel, at), at, sourceKind, section, { storyline: spec.id }, boost);
  };

  for (let t0 = startMs; t0 < endMs && emitted < max; t0 += HOUR) {
    const t1 = Math.min(t0 + HOUR, endMs);
    const frac = (t1 - t0) / HOUR;
    const localHour = new Date(t0 + 8 * HOUR).getUTCHours();
    const plan: Planned[] = [];
    const at = () => t0 + Math.floor(rng.next() * (t1 - t0));
    const bgCount = rng.poisson(((opts.postsPerDay / 24) * (DIURNAL[localHour] ?? 1) * frac) / DIURNAL_MEAN);
    for (let i = 0; i < bgCount; i++) plan.push({ at: at(), order: plan.length, make: background });
    for (const [id, s0] of starts) {
      const spec = STORYLINES[id];
      const hMid = (t0 + (t1 - t0) / 2 - s0) / HOUR;
      if (hMid >= 0 && hMid <= spanHours(spec)) {
        const lo = Math.max(t0, s0);
        const n = rng.poisson(rateAt(spec, hMid) * scale * ((t1 - lo) / HOUR));
        for (let i = 0; i < n; i++) {
          plan.push({ at: lo + Math.floor(rng.next() * (t1 - lo)), order: plan.length, make: (d) => storyPost(spec, (d.getTime() - s0) / HOUR, d) });
        }
      }
      for (const o of spec.officials) {
        const ot = s0 + o.at * HOUR;
        if (ot < t0 || ot >= t1) continue;
        const { sourceKind, section } = o.sourceKind === 'forum' ? { sourceKind: 'forum' as const, section: 'mailbox' as const } : { sourceKind: o.sourceKind, section: undefined };
        plan.push({
          at: ot, order: plan.length,
          make: (d) => finish(composeOfficial(rng, spec, o, d), d, sourceKind, section, { storyline: id, isOfficial: true, officialKind: o.officialKind, author: o.author, replyTo: o.answersLetter ? firstLetter.get(id) : undefined }, 8),
        });
      }
    }
    while (pending.length > 0 && (pending[0]?.at ?? Infinity) < t1) {
      const r = pending.shift() as PendingReply;
      plan.push({
        at: Math.max(r.at, t0), order: plan.length,
        make: (d) => {
          const reply = composeLetterReply(rng, d, r.title, r.unitId, r.town, r.village);
          const author = unitById(r.unitId).name;
          return finish({ kind: 'official', tone: 'neutral', unitId: r.unitId, townId: r.townId, ...reply }, d, 'forum', 'mailbox', { isOfficial: true, officialKind: 'reply', replyTo: r.letterId, author }, 3);
        },
      });
    }
    plan.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const p of plan) {
      const post = p.make(new Date(p.at));
      if (!post) continue;
      remember(post);
      yield post;
      if (++emitted >= max) return;
    }
  }
}
