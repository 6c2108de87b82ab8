/**
 * The demo site's posts, indexed by channel and time so that each request sees only what is published at the
 * clock's now, newest first.
 */
import type { DemoPost } from './types.ts';

export type SiteChannel = 'mailbox' | 'bbs' | 'news' | 'weibo' | 'hotline';

export function channelOf(p: DemoPost): SiteChannel {
  switch (p.sourceKind) {
    case 'forum':
      return p.section === 'mailbox' ? 'mailbox' : 'bbs';
    case 'rss':
      return 'news';
    case 'json':
      return 'weibo';
    case 'hotline':
      return 'hotline';
  }
}

/** Posts of one channel, in publication order, with their times for binary search. */
class ChannelIndex {
  readonly posts: DemoPost[] = [];
  private times: number[] = [];
  add(p: DemoPost): void {
    this.posts.push(p);
  }
  seal(): void {
    this.posts.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    this.times = this.posts.map((p) => p.publishedAt.getTime());
  }
  /** How many posts are published at or before `now`. */
  visibleCount(now: Date): number {
    const t = now.getTime();
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** One page (1-based) of visible posts, newest first. */
  page(now: Date, page: number, size: number): { items: DemoPost[]; total: number } {
    const total = this.visibleCount(now);
    const end = total - (page - 1) * size;
    const begin = Math.max(0, end - size);
    const items = end > 0 ? this.posts.slice(begin, end).reverse() : [];
    return { items, total };
  }
}

export class SiteStore {
  private readonly channels = new Map<SiteChannel, ChannelIndex>();
  private readonly byId = new Map<string, DemoPost>();
  private readonly byTicket = new Map<string, DemoPost>();

  constructor(posts: Iterable<DemoPost>) {
    for (const c of ['mailbox', 'bbs', 'news', 'weibo', 'hotline'] as const) this.channels.set(c, new ChannelIndex());
    for (const p of posts) {
      this.byId.set(p.id, p);
      if (p.hotline) this.byTicket.set(p.hotline.ticketNo, p);
      this.channels.get(channelOf(p))?.add(p);
    }
    for (const c of this.channels.values()) c.seal();
  }

  /** A post by id, only when it is already published. */
  get(id: string, now: Date): DemoPost | undefined {
    const p = this.byId.get(id);
    return p && p.publishedAt.getTime() <= now.getTime() ? p : undefined;
  }

  ticket(no: string, now: Date): DemoPost | undefined {
    const p = this.byTicket.get(no);
    return p && p.publishedAt.getTime() <= now.getTime() ? p : undefined;
  }

  page(channel: SiteChannel, now: Date, page: number, size: number): { items: DemoPost[]; total: number; pages: number } {
    const r = (this.channels.get(channel) as ChannelIndex).page(now, page, size);
    return { ...r, pages: Math.max(1, Math.ceil(r.total / size)) };
  }

  /** The newest visible posts of a channel (at most `limit`). */
  latest(channel: SiteChannel, now: Date, limit: number): DemoPost[] {
    return this.page(channel, now, 1, limit).items;
  }

  visibleCount(channel: SiteChannel, now: Date): number {
    return (this.channels.get(channel) as ChannelIndex).visibleCount(now);
  }
}

