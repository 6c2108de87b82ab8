/**
 * Per-host politeness: at most `concurrency` requests in flight to one host, and a token bucket of `ratePerSecond`
 * with `burst` capacity. Waiters are served first come, first served; an aborted waiter leaves the queue.
 */
import { SourceError } from '../errors.ts';

export interface HostLimits {
  concurrency: number;
  ratePerSecond: number;
  burst: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

class HostBucket {
  private tokens: number;
  private last: number;
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly limits: HostLimits,
    private readonly clock: () => number,
  ) {
    this.tokens = limits.burst;
    this.last = clock();
  }

  get inFlight(): number {
    return this.active;
  }

  get idle(): boolean {
    return this.active === 0 && this.queue.length === 0;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(aborted());
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(aborted());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.last) / 1000) * this.limits.ratePerSecond);
    this.last = now;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.limits.concurrency) {
      this.refill();
      if (this.tokens < 1) {
        this.schedule(((1 - this.tokens) / this.limits.ratePerSecond) * 1000);
        return;
      }
      const w = this.queue.shift() as Waiter;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.tokens -= 1;
      this.active += 1;
      let released = false;
      w.resolve(() => {
        if (released) return;
        released = true;
        this.active -= 1;
        this.pump();
      });
    }
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }
}

function aborted(): SourceError {
  return new SourceError('TF_ERR_FETCH_ABORTED', 'the fetch was cancelled');
}

export class HostLimiter {
  private readonly buckets = new Map<string, HostBucket>();

  constructor(
    private readonly defaults: HostLimits,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The bucket of `host`, created with `limits` (over the defaults) on first use; later limits are ignored. */
  private bucket(host: string, limits?: Partial<HostLimits>): HostBucket {
    let b = this.buckets.get(host);
    if (!b) {
      b = new HostBucket({ ...this.defaults, ...stripUndefined(limits) }, this.clock);
      this.buckets.set(host, b);
    }
    return b;
  }

  /** Makes sure `host` has a bucket, so that the first source to use a host sets its limits. */
  configure(host: string, limits?: Partial<HostLimits>): void {
    this.bucket(host, limits);
  }

  /** Waits for a slot on `host`; call the returned function when the request is over. */
  acquire(host: string, signal?: AbortSignal, limits?: Partial<HostLimits>): Promise<() => void> {
    return this.bucket(host, limits).acquire(signal);
  }

  inFlight(host: string): number {
    return this.buckets.get(host)?.inFlight ?? 0;
  }
}

function stripUndefined(l: Partial<HostLimits> | undefined): Partial<HostLimits> {
  const out: Partial<HostLimits> = {};
  if (l?.concurrency) out.concurrency = l.concurrency;
  if (l?.ratePerSecond) out.ratePerSecond = l.ratePerSecond;
  if (l?.burst) out.burst = l.burst;
  return out;
}
