/**
 * Where the CPU went during a benchmark window (Linux /proc): CPU seconds of given processes (the workers), of
 * nats-server and of every postgres process, and of the whole machine, so a figure can say what limited it and how
 * much of the two cores other people's work took meanwhile. Elsewhere the probe reports nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const HZ = 100; // USER_HZ on Linux

function procCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / HZ; // utime, stime
  } catch {
    return 0;
  }
}

/** A thread's time on a core and time runnable but waiting for one (seconds), from /proc/<pid>/task/<tid>/schedstat. */
function mainThreadSched(pid: number): [number, number] {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [(run ?? 0) / 1e9, (wait ?? 0) / 1e9];
  } catch {
    return [0, 0];
  }
}

function pidsByName(name: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const total = f.reduce((s, x) => s + x, 0);
  return { busy: (total - idle) / HZ, total: total / HZ };
}

export interface CpuSample {
  at: number;
  /** Summed over the workers' main (JavaScript) threads: seconds on a core, and runnable but waiting for one. */
  mainRun: number;
  mainWait: number;
  workers: number;
  nats: number;
  postgres: number;
  machineBusy: number;
}

export interface CpuSplit {
  seconds: number;
  /** The workers' main threads, summed: seconds on a core and seconds waiting for a core. */
  mainRun: number;
  mainWait: number;
  /** CPU seconds in the window. */
  workers: number;
  nats: number;
  postgres: number;
  /** Everything else on the machine (other people's jobs, this benchmark's own process). */
  other: number;
}

export class CpuProbe {
  readonly available = existsSync('/proc/stat');
  private readonly samples: CpuSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Per process, its CPU at the last sample, so processes that exit (postgres backends) keep their share. */
  private last = new Map<number, number>();
  private cum = { workers: 0, nats: 0, postgres: 0, mainRun: 0, mainWait: 0 };
  private lastSched = new Map<number, [number, number]>();

  constructor(private readonly workerPids: () => number[]) {}

  private groups(): ['workers' | 'nats' | 'postgres', number[]][] {
    return [['workers', this.workerPids()], ['nats', pidsByName('nats-server')], ['postgres', pidsByName('postgres')]];
  }

  sample(baseline = false): CpuSample {
    if (!this.available) return { at: Date.now(), workers: 0, nats: 0, postgres: 0, mainRun: 0, mainWait: 0, machineBusy: 0 };
    const sched = new Map<number, [number, number]>();
    for (const p of this.workerPids()) {
      const [run, wait] = mainThreadSched(p);
      sched.set(p, [run, wait]);
      const [r0, w0] = this.lastSched.get(p) ?? [0, 0];
      if (!baseline) {
        this.cum.mainRun += run - r0;
        this.cum.mainWait += wait - w0;
      }
    }
    this.lastSched = sched;
    const seen = new Map<number, number>();
    for (const [g, pids] of this.groups()) {
      for (const p of pids) {
        const cpu = procCpu(p);
        seen.set(p, cpu);
        if (!baseline) this.cum[g] += cpu - (this.last.get(p) ?? 0);
      }
    }
    this.last = seen;
    const s: CpuSample = { at: Date.now(), ...this.cum, machineBusy: machineCpu().busy };
    this.samples.push(s);
    return s;
  }

  start(everyMs = 200): void {
    this.samples.length = 0;
    this.sample(true);
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  /** CPU use between two instants (the nearest samples). */
  between(from: number, to: number): CpuSplit | null {
    if (!this.available || this.samples.length < 2) return null;
    const near = (t: number) => this.samples.reduce((b, s) => (Math.abs(s.at - t) < Math.abs(b.at - t) ? s : b));
    const a = near(from);
    const b = near(to);
    if (b.at <= a.at) return null;
    const workers = b.workers - a.workers;
    const nats = b.nats - a.nats;
    const postgres = b.postgres - a.postgres;
    return { seconds: (b.at - a.at) / 1000, mainRun: b.mainRun - a.mainRun, mainWait: b.mainWait - a.mainWait, workers, nats, postgres, other: Math.max(0, b.machineBusy - a.machineBusy - workers - nats - postgres) };
  }
}

/**
 * "cores: workers 1.62, nats-server 0.21, postgres 0.02, other 0.11; CPU µs/post: workers 410, nats-server 53" —
 * average cores busy over the window and, given the posts handled in it, CPU per post.
 */
export function coresText(c: CpuSplit | null, posts?: number, workers = 1): string {
  if (!c) return 'cores n/a';
  const f = (x: number) => (x / c.seconds).toFixed(2);
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const us = (x: number) => (posts ? ((x * 1e6) / posts).toFixed(0) : '?');
  return (
    `cores: workers ${f(c.workers)}, nats-server ${f(c.nats)}, postgres ${f(c.postgres)}, other ${f(c.other)}` +
    (posts ? `; CPU µs/post: workers ${us(c.workers)}, nats-server ${us(c.nats)}, postgres ${us(c.postgres)}` : '') +
    `; worker main threads: ${pct(c.mainRun / workers / c.seconds)} on a core, ${pct(c.mainWait / workers / c.seconds)} waiting for one`
  );
}
