import type { Exec } from './executor.ts';
import type { AlertDeliveriesTable, AlertRulesTable, AlertsTable, CasesTable, ChannelsTable, DutyRosterTable } from '../schema.ts';

export function alertsRepo({ db }: Exec) {
  return {
    /** Insert unless an alert with the same dedupe key exists; returns whether it was new. */
    async insertIfNew(row: AlertsTable): Promise<boolean> {
      const r = await db.insertInto('alerts').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byId(id: string): Promise<AlertsTable | undefined> {
      return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byDedupeKey(key: string): Promise<AlertsTable | undefined> {
      return db.selectFrom('alerts').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
    },
    async list(opts: { open?: boolean; limit: number; offset: number }): Promise<AlertsTable[]> {
      let q = db.selectFrom('alerts').selectAll();
      if (opts.open !== undefined) q = opts.open ? q.where('status', '!=', 'acknowledged') : q.where('status', '=', 'acknowledged');
      return q.orderBy('created_at', 'desc').limit(opts.limit).offset(opts.offset).execute();
    },
    async countOpen(): Promise<number> {
      const r = await db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'acknowledged').executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async dueForEscalation(now: number): Promise<AlertsTable[]> {
      return db.selectFrom('alerts').selectAll().where('status', '!=', 'acknowledged').where('next_escalation_at', '<=', now).execute();
    },
    async update(id: string, patch: Partial<Omit<AlertsTable, 'id'>>): Promise<void> {
      await db.updateTable('alerts').set(patch).where('id', '=', id).execute();
    },
    async between(from: number, to: number): Promise<AlertsTable[]> {
      return db.selectFrom('alerts').selectAll().where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at').execute();
    },
    async insertDelivery(row: AlertDeliveriesTable): Promise<void> {
      await db.insertInto('alert_deliveries').values(row).execute();
    },
    async updateDelivery(id: string, patch: Partial<Omit<AlertDeliveriesTable, 'id'>>): Promise<void> {
      await db.updateTable('alert_deliveries').set(patch).where('id', '=', id).execute();
    },
    async deliveries(alertId: string): Promise<AlertDeliveriesTable[]> {
      return db.selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId).orderBy('created_at').execute();
    },
    async pendingDeliveries(limit: number): Promise<AlertDeliveriesTable[]> {
      return db.selectFrom('alert_deliveries').selectAll().where('status', '=', 'pending').orderBy('created_at').limit(limit).execute();
    },
    async inAppFor(userId: string, since: number): Promise<AlertDeliveriesTable[]> {
      return db.selectFrom('alert_deliveries').selectAll().where('channel_kind', '=', 'in_app').where('recipient', '=', userId).where('created_at', '>=', since).orderBy('created_at', 'desc').limit(100).execute();
    },
    async count(opts: { open?: boolean }): Promise<number> {
      let q = db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n'));
      if (opts.open !== undefined) q = opts.open ? q.where('status', '!=', 'acknowledged') : q.where('status', '=', 'acknowledged');
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Alerts raised by rules since `since` (for throttling/merging). */
    async recentByRules(since: number, limit = 5000): Promise<Pick<AlertsTable, 'id' | 'dedupe_key' | 'created_at'>[]> {
      return db.selectFrom('alerts').select(['id', 'dedupe_key', 'created_at']).where('rule_id', 'is not', null).where('created_at', '>=', since).orderBy('created_at', 'desc').limit(limit).execute();
    },
    /** Which of these dedupe keys already have an alert (reminders, follow-up notices). */
    async existingKeys(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db.selectFrom('alerts').select('dedupe_key').where('dedupe_key', 'in', keys).execute();
      return new Set(rows.map((r) => r.dedupe_key));
    },
    /** Pending deliveries whose time has come (`created_at` is when a delivery is due: later for quiet hours and retries). */
    async dueDeliveries(now: number, limit: number): Promise<AlertDeliveriesTable[]> {
      return db.selectFrom('alert_deliveries').selectAll().where('status', '=', 'pending').where('created_at', '<=', now).orderBy('created_at').limit(limit).execute();
    },
    async deliveryById(id: string): Promise<AlertDeliveriesTable | undefined> {
      return db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The signed-in user's in-app notifications with their alert. */
    async notificationsFor(userId: string, limit: number): Promise<Array<AlertDeliveriesTable & { alert: AlertsTable }>> {
      return db
        .selectFrom('alert_deliveries')
        .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
        .selectAll('alert_deliveries')
        .select([
          'alerts.rule_id as a_rule_id', 'alerts.dedupe_key as a_dedupe_key', 'alerts.level as a_level', 'alerts.title as a_title',
          'alerts.body as a_body', 'alerts.status as a_status', 'alerts.created_at as a_created_at',
        ])
        .where('alert_deliveries.channel_kind', '=', 'in_app')
        .where('alert_deliveries.recipient', '=', userId)
        .where('alert_deliveries.status', '=', 'sent')
        .orderBy('alert_deliveries.created_at', 'desc')
        .limit(limit)
        .execute()
        .then((rows) =>
          rows.map(({ a_rule_id, a_dedupe_key, a_level, a_title, a_body, a_status, a_created_at, ...d }) => ({
            ...d,
            alert: {
              id: d.alert_id, rule_id: a_rule_id, dedupe_key: a_dedupe_key, level: a_level, title: a_title, body: a_body, status: a_status,
              created_at: a_created_at, event_id: null, post_id: null, recipients: '[]', escalation_step: 0, next_escalation_at: null,
              acknowledged_by: null, acknowledged_at: null, updated_at: a_created_at,
            },
          })),
        );
    },
    /** Open cases (for reminders 催办 and overdue notices). */
    async openCases(): Promise<CasesTable[]> {
      return db.selectFrom('cases').selectAll().where('status', 'not in', ['closed', 'merged']).orderBy('created_at').execute();
    },
    /** Cases with an event closed since `since` (follow-up watch 回头看). */
    async closedCasesSince(since: number): Promise<CasesTable[]> {
      return db.selectFrom('cases').selectAll().where('status', '=', 'closed').where('event_id', 'is not', null).where('closed_at', '>=', since).execute();
    },
    async rule(id: string): Promise<AlertRulesTable | undefined> {
      return db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async shift(id: string): Promise<DutyRosterTable | undefined> {
      return db.selectFrom('duty_roster').selectAll().where('id', '=', id).executeTakeFirst();
    },
    // rules
    async insertRule(row: AlertRulesTable): Promise<void> {
      await db.insertInto('alert_rules').values(row).execute();
    },
    async rules(enabledOnly = false): Promise<AlertRulesTable[]> {
      let q = db.selectFrom('alert_rules').selectAll();
      if (enabledOnly) q = q.where('enabled', '=', 1);
      return q.orderBy('name').execute();
    },
    async updateRule(id: string, patch: Partial<Omit<AlertRulesTable, 'id'>>): Promise<void> {
      await db.updateTable('alert_rules').set(patch).where('id', '=', id).execute();
    },
    async deleteRule(id: string): Promise<void> {
      await db.deleteFrom('alert_rules').where('id', '=', id).execute();
    },
    // channels
    async insertChannel(row: ChannelsTable): Promise<void> {
      await db.insertInto('channels').values(row).execute();
    },
    async channels(): Promise<ChannelsTable[]> {
      return db.selectFrom('channels').selectAll().orderBy('name').execute();
    },
    async channel(id: string): Promise<ChannelsTable | undefined> {
      return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async updateChannel(id: string, patch: Partial<Omit<ChannelsTable, 'id'>>): Promise<void> {
      await db.updateTable('channels').set(patch).where('id', '=', id).execute();
    },
    // roster
    async insertShift(row: DutyRosterTable): Promise<void> {
      await db.insertInto('duty_roster').values(row).execute();
    },
    async shifts(from: number, to: number): Promise<DutyRosterTable[]> {
      return db.selectFrom('duty_roster').selectAll().where('ends_at', '>', from).where('starts_at', '<', to).orderBy('starts_at').orderBy('chain_order').execute();
    },
    async deleteShift(id: string): Promise<void> {
      await db.deleteFrom('duty_roster').where('id', '=', id).execute();
    },
  };
}
export type AlertsRepo = ReturnType<typeof alertsRepo>;
