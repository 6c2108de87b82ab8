/** Monitoring plans (监测方案): CRUD with syntax checking, and a backtest over stored posts. */
import type { Store } from '../store/store.ts';
import type { PlansTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { parsePlan, PlanSet } from '../analysis/plan/index.ts';
import { auditActor, type Actor } from './actor.ts';
import type { Changes } from './changes.ts';
import { tzOffsetMs } from './time.ts';

const iso = (t: number) => new Date(t).toISOString();
const toPlan = (p: PlansTable) => ({
  id: p.id, name: p.name, expression: p.expression, places: JSON.parse(p.places) as string[], units: JSON.parse(p.units) as string[],
  enabled: p.enabled === 1, createdAt: iso(p.created_at), updatedAt: iso(p.updated_at),
});

export function createPlanService(store: Store, opts: { timezone: string; changes: Changes }) {
  async function lists(): Promise<Record<string, string[]>> {
    const units = await store.repos.units.list();
    const places = units.filter((u) => ['county', 'town', 'village'].includes(u.kind));
    const others = units.filter((u) => !['county', 'town', 'village'].includes(u.kind));
    const names = (us: typeof units) => us.flatMap((u) => [u.name, ...(JSON.parse(u.aliases) as string[])]);
    return { places: names(places), units: names(others) };
  }
  async function check(expression: string) {
    const r = parsePlan(expression, { lists: await lists() });
    return r.ok ? { ok: true, error: null } : { ok: false, error: { code: r.error.code, message: r.error.message, column: r.error.column } };
  }
  async function validated(expression: string) {
    const c = await check(expression);
    if (!c.ok) throw new AppError('TF_ERR_PLAN_SYNTAX', `expression: ${c.error!.message} (column ${c.error!.column})`, { path: ['expression'], column: c.error!.column });
  }
  return {
    check,
    async list() {
      return (await store.repos.plans.list()).map(toPlan);
    },
    async create(actor: Actor, body: { name: string; expression: string; places: string[]; units: string[]; enabled: boolean }, now: number) {
      await validated(body.expression);
      if ((await store.repos.plans.list()).some((p) => p.name === body.name)) throw new AppError('TF_ERR_CONFLICT', `a plan named ${body.name} exists`);
      const row: PlansTable = { id: newId('plan', now), name: body.name, expression: body.expression, places: JSON.stringify(body.places), units: JSON.stringify(body.units), enabled: body.enabled ? 1 : 0, created_at: now, updated_at: now };
      await store.tx(async (r) => {
        await r.plans.insert(row);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'plan.create', entity: 'plan', entityId: row.id, after: toPlan(row) });
      });
      opts.changes.emit('plans');
      return toPlan(row);
    },
    async update(actor: Actor, id: string, body: { name: string; expression: string; places: string[]; units: string[]; enabled: boolean }, now: number) {
      const before = await store.repos.plans.byId(id);
      if (!before) throw new AppError('TF_ERR_NOT_FOUND', `plan ${id} not found`);
      await validated(body.expression);
      const patch = { name: body.name, expression: body.expression, places: JSON.stringify(body.places), units: JSON.stringify(body.units), enabled: body.enabled ? 1 : 0, updated_at: now };
      await store.tx(async (r) => {
        await r.plans.update(id, patch);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'plan.update', entity: 'plan', entityId: id, before: toPlan(before), after: toPlan({ ...before, ...patch }) });
      });
      opts.changes.emit('plans');
      return toPlan({ ...before, ...patch });
    },
    async remove(actor: Actor, id: string, now: number) {
      const before = await store.repos.plans.byId(id);
      if (!before) throw new AppError('TF_ERR_NOT_FOUND', `plan ${id} not found`);
      await store.tx(async (r) => {
        await r.plans.delete(id);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'plan.delete', entity: 'plan', entityId: id, before: toPlan(before) });
      });
      opts.changes.emit('plans');
    },
    /** How many stored posts of the last `days` days the expression would have matched, per day, with samples. */
    async backtest(expression: string, days: number, sample: number, nowMs: number) {
      const c = await check(expression);
      const empty = { check: c, matched: 0, scanned: 0, perDay: [] as { date: string; count: number }[], samples: [] as { postId: string; title: string | null; text: string; hits: string[]; publishedAt: string }[] };
      if (!c.ok) return empty;
      const set = new PlanSet([{ name: 'test', expression }], { lists: await lists() });
      const from = nowMs - days * 86400_000;
      const offset = tzOffsetMs(opts.timezone, new Date(nowMs));
      const counts = new Map<string, number>();
      for (let d = 0; d < days; d++) counts.set(new Date(from + offset + (d + 1) * 86400_000).toISOString().slice(0, 10), 0);
      const sourceNames = new Map((await store.repos.sources.list()).map((x) => [x.id, x.name]));
      let scanned = 0;
      let matched = 0;
      const PAGE = 2000;
      for (let page = 0; page < 50; page++) {
        const rows = await store.repos.posts.list({ from, to: nowMs, limit: PAGE, offset: page * PAGE });
        for (const p of rows) {
          scanned++;
          const m = set.match({ title: p.title ?? '', text: p.text, author: p.author ?? '', source: sourceNames.get(p.source_id) ?? '' });
          if (m.length === 0) continue;
          matched++;
          const date = new Date(p.published_at + offset).toISOString().slice(0, 10);
          counts.set(date, (counts.get(date) ?? 0) + 1);
          if (empty.samples.length < sample) empty.samples.push({ postId: p.id, title: p.title, text: p.text.slice(0, 300), hits: m[0]!.hits, publishedAt: iso(p.published_at) });
        }
        if (rows.length < PAGE) break;
      }
      return { ...empty, matched, scanned, perDay: [...counts.entries()].sort().map(([date, count]) => ({ date, count })) };
    },
  };
}
export type PlanService = ReturnType<typeof createPlanService>;
