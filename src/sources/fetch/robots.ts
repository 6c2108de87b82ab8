/**
 * robots.txt per origin, cached. 2xx: the rules apply; 4xx: no rules (everything allowed); 5xx or unreachable:
 * everything disallowed for a short while (RFC 9309 §2.3.1) — except for internal sources (the office's own
 * systems, admin-approved), where an unreadable robots.txt means no rules. An admin may switch the check off.
 */
import robotsParser from 'robots-parser';

export interface RobotsResponse {
  status: number;
  body: string;
}

type Robot = ReturnType<typeof robotsParser>;

interface Entry {
  robot: Robot | 'allow-all' | 'disallow-all';
  expires: number;
}

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  constructor(
    private readonly load: (robotsUrl: string, internal: boolean) => Promise<RobotsResponse>,
    private readonly clock: () => number = () => Date.now(),
    private readonly ttlMs = 3_600_000,
    private readonly errorTtlMs = 300_000,
  ) {}

  /** True when `url` may be fetched by `userAgent`. */
  async isAllowed(url: string, userAgent: string, internal = false): Promise<boolean> {
    const u = new URL(url);
    const entry = await this.entryFor(u.origin, internal);
    if (entry.robot === 'allow-all') return true;
    if (entry.robot === 'disallow-all') return false;
    return entry.robot.isAllowed(url, userAgent) !== false;
  }

  /** Crawl-delay in seconds for `userAgent` on the origin of `url`, when robots.txt sets one. */
  async crawlDelay(url: string, userAgent: string, internal = false): Promise<number | undefined> {
    const entry = await this.entryFor(new URL(url).origin, internal);
    return typeof entry.robot === 'string' ? undefined : entry.robot.getCrawlDelay(userAgent);
  }

  private async entryFor(origin: string, internal: boolean): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expires > this.clock()) return cached;
    let p = this.pending.get(origin);
    if (!p) {
      p = this.fetchEntry(origin, internal).finally(() => this.pending.delete(origin));
      this.pending.set(origin, p);
    }
    const entry = await p;
    this.entries.set(origin, entry);
    return entry;
  }

  private async fetchEntry(origin: string, internal: boolean): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.load(robotsUrl, internal);
      const expires = this.clock() + this.ttlMs;
      if (res.status >= 200 && res.status < 300) return { robot: robotsParser(robotsUrl, res.body), expires };
      if (res.status >= 400 && res.status < 500) return { robot: 'allow-all', expires };
      return this.unreachable(internal);
    } catch {
      return this.unreachable(internal);
    }
  }

  /** robots.txt could not be read: disallow for a while, except on the office's own (internal) sites. */
  private unreachable(internal: boolean): Entry {
    return { robot: internal ? 'allow-all' : 'disallow-all', expires: this.clock() + this.errorTtlMs };
  }
}
