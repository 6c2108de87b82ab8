/**
 * The pipeline's alert hook: inside each batch's transaction, evaluate the enabled rules against what the batch
 * produced (level changes, post matches, bursts) and insert the alerts with their pending deliveries, so a batch
 * and its alerts commit together or not at all. Throttling/merging is by dedupe key (one alert per event per level
 * change; post matches of one event merge), heightened mode sends every level at once, quiet hours defer low
 * levels. Source outages are evaluated by the worker (`raiseForTriggers` with outage triggers).
 */
import { evaluate, type AlertRule, type AlertTriggerInput } from '../alerts/rules.ts';
import { ackTimeoutMinutes, initialRecipients } from '../alerts/escalation.ts';
import type { TrackOutput } from '../pipeline/track.ts';
import type { AnalysedPost } from '../pipeline/types.ts';
import type { Repos } from '../store/store.ts';
import { enabledRules, heightenedState, isHeightenedOn, loadDirectory, type AlertDirectory } from './alert-context.ts';
import { insertAlert } from './alert-raise.ts';
import { burstTriggers, levelTriggers, postTriggers } from './alert-triggers.ts';

export interface AlertHookDeps {
  timezone: string;
  logger?: { warn(obj: object, msg: string): void };
}

export interface RaiseSummary {
  created: string[];
  merged: number;
}

/** Evaluates the rules against the triggers and writes the alerts (call inside a transaction). */
export async function raiseForTriggers(
  r: Repos,
  rules: readonly AlertRule[],
  triggers: readonly AlertTriggerInput[],
  deps: AlertHookDeps,
  now: Date,
): Promise<RaiseSummary> {
  const summary: RaiseSummary = { created: [], merged: 0 };
  if (rules.length === 0 || triggers.length === 0) return summary;
  const longest = Math.max(...rules.map((x) => x.throttleMinutes));
  const recent = (await r.alerts.recentByRules(now.getTime() - longest * 60_000)).map((a) => ({
    alertId: a.id,
    dedupeKey: a.dedupe_key.replace(/#\d+$/, ''),
    createdAt: new Date(Number(a.created_at)).toISOString(),
  }));
  const heightened = isHeightenedOn(await heightenedState(r), now);
  const byId = new Map(rules.map((x) => [x.id, x]));
  let directory: AlertDirectory | null = null;
  const merged = new Set<string>();
  for (const trigger of triggers) {
    const res = evaluate(rules, trigger, { heightened, recent, timeZone: deps.timezone }, now);
    for (const m of res.merge) merged.add(m.alertId);
    for (const draft of res.create) {
      const rule = byId.get(draft.ruleId)!;
      const deliverAt = new Date(draft.deliverAt);
      directory ??= await loadDirectory(r, now);
      const who = initialRecipients(rule, draft.recipients, directory.roster, directory.users, deliverAt);
      const id = await insertAlert(
        r,
        {
          ruleId: rule.id,
          dedupeKey: draft.dedupeKey,
          level: draft.level,
          title: draft.title,
          body: draft.body,
          eventId: draft.eventId,
          postId: draft.postId,
          userIds: who.userIds,
          channelIds: [...draft.channelIds, ...who.channelIds],
          inApp: draft.inApp,
          deliverAt: deliverAt.getTime(),
          nextEscalationAt: rule.escalation.enabled
            ? deliverAt.getTime() + ackTimeoutMinutes(rule, draft.level) * 60_000
            : null,
          reasons: [
            `rule ${rule.name}`,
            ...(draft.deferred ? [`quiet hours: sent at ${draft.deliverAt}`] : []),
            ...(heightened ? ['heightened mode'] : []),
            ...who.reasons,
          ],
        },
        now,
      );
      if (!id) continue;
      summary.created.push(id);
      recent.push({ alertId: id, dedupeKey: draft.dedupeKey, createdAt: now.toISOString() });
      if (who.userIds.length === 0 && draft.channelIds.length === 0)
        deps.logger?.warn({ alertId: id, rule: rule.name }, 'alert raised with nobody to notify');
    }
  }
  for (const id of merged) await r.alerts.update(id, { updated_at: now.getTime() });
  summary.merged = merged.size;
  return summary;
}

export function createAlertHooks(_store: unknown, deps: AlertHookDeps) {
  return {
    /** For `buildPipeline(store, { hooks: { afterTrack } })` / `new EmbeddedRunner(store, { hooks: { afterTrack } })`. */
    async afterTrack(r: Repos, out: TrackOutput, posts: AnalysedPost[], now: Date): Promise<void> {
      const rules = await enabledRules(r, (message) => deps.logger?.warn({}, message));
      if (rules.length === 0) return;
      const kinds = new Set(rules.map((x) => x.trigger.kind));
      const idByName =
        kinds.has('post_match') || kinds.has('burst')
          ? new Map((await r.plans.list()).map((p) => [p.name, p.id]))
          : new Map<string, string>();
      const triggers: AlertTriggerInput[] = [
        ...(kinds.has('event_level') ? levelTriggers(out) : []),
        ...(kinds.has('burst') ? await burstTriggers(r, out, posts, idByName, now) : []),
        ...(kinds.has('post_match') ? postTriggers(posts, idByName) : []),
      ];
      await raiseForTriggers(r, rules, triggers, deps, now);
    },
  };
}
export type AlertHooks = ReturnType<typeof createAlertHooks>;
