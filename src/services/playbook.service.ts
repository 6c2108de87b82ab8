/**
 * Playbooks (应急预案): response plans per incident type and level, with steps (who, time limit). Activating one
 * on a case (a leader's decision) creates its steps as the case's tasks with due times on the office's
 * working-day calendar; each task is checked off by whoever did it (recorded, audited).
 */
import type { z } from 'zod';
import { addDuration, DeadlinePolicySchema, defaultDeadlinePolicy } from '../cases/deadlines.ts';
import { CalendarOverridesSchema, createWorkCalendar } from '../cases/calendar.ts';
import { CaseStateSchema } from '../cases/case-model.ts';
import type { PlaybookBody, PlaybookStep } from '../contracts/ledger-extras.ts';
import type { Repos, Store } from '../store/store.ts';
import type { CaseTasksTable, PlaybooksTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, can, type Actor } from './actor.ts';

type Step = z.infer<typeof PlaybookStep>;
const iso = (t: number | null) => (t === null ? null : new Date(Number(t)).toISOString());

export const toPlaybook = (p: PlaybooksTable) => ({
  id: p.id,
  name: p.name,
  incidentType: p.incident_type,
  level: p.level,
  steps: parseJson<Step[]>(p.steps, []),
  enabled: p.enabled === 1,
  createdAt: iso(p.created_at)!,
});
export const toTask = (t: CaseTasksTable) => ({
  id: t.id,
  step: t.step,
  title: t.title,
  role: t.role,
  unitId: t.unit_id,
  dueAt: iso(t.due_at),
  doneAt: iso(t.done_at),
  doneBy: t.done_by,
});

/** Every unit a step names must exist (a task for a unit nobody can see would never be done). */
async function checkStepUnits(r: Repos, steps: Step[]): Promise<void> {
  for (const [i, st] of steps.entries()) {
    if (st.unitId && !(await r.units.byId(st.unitId)))
      throw new AppError('TF_ERR_VALIDATION', `steps.${i}.unitId: no unit ${st.unitId}`, {
        path: ['steps', i, 'unitId'],
      });
  }
}

export function createPlaybookService(store: Store, opts: { timezone: string }) {
  async function timeContext() {
    const [overrides, policyRaw] = await Promise.all([
      store.repos.settings.get<unknown>('calendar.overrides'),
      store.repos.settings.get<unknown>('deadlines.policy'),
    ]);
    const policy = policyRaw ? DeadlinePolicySchema.parse(policyRaw) : defaultDeadlinePolicy();
    return {
      calendar: createWorkCalendar({ overrides: CalendarOverridesSchema.parse(overrides ?? []) }),
      timeZone: opts.timezone,
      dayEndsAt: policy.dayEndsAt,
    };
  }

  return {
    async list() {
      return { playbooks: (await store.repos.playbooks.list()).map(toPlaybook) };
    },

    async create(actor: Actor, body: z.infer<typeof PlaybookBody>, now: Date) {
      const row: PlaybooksTable = {
        id: newId('pb', now.getTime()),
        name: body.name,
        incident_type: body.incidentType,
        level: body.level,
        steps: JSON.stringify(body.steps),
        enabled: body.enabled ? 1 : 0,
        created_at: now.getTime(),
      };
      await store.tx(async (r) => {
        if ((await r.playbooks.list()).some((p) => p.name === body.name))
          throw new AppError('TF_ERR_CONFLICT', `a playbook named ${body.name} exists`);
        await checkStepUnits(r, body.steps);
        await r.playbooks.insert(row);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'playbook.create',
          entity: 'playbook',
          entityId: row.id,
          after: toPlaybook(row),
        });
      });
      return toPlaybook(row);
    },

    /** Replaces a playbook's name, type, level, steps and switch. Tasks already created on cases keep their copy. */
    async update(actor: Actor, id: string, body: z.infer<typeof PlaybookBody>, now: Date) {
      const after = await store.tx(async (r) => {
        const before = await r.playbooks.byId(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `playbook ${id} not found`);
        if ((await r.playbooks.list()).some((p) => p.name === body.name && p.id !== id))
          throw new AppError('TF_ERR_CONFLICT', `a playbook named ${body.name} exists`, { path: ['name'] });
        await checkStepUnits(r, body.steps);
        const row: PlaybooksTable = {
          ...before,
          name: body.name,
          incident_type: body.incidentType,
          level: body.level,
          steps: JSON.stringify(body.steps),
          enabled: body.enabled ? 1 : 0,
        };
        await r.playbooks.update(id, {
          name: row.name,
          incident_type: row.incident_type,
          level: row.level,
          steps: row.steps,
          enabled: row.enabled,
        });
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'playbook.update',
          entity: 'playbook',
          entityId: id,
          before: toPlaybook(before),
          after: toPlaybook(row),
        });
        return row;
      });
      return toPlaybook(after);
    },

    /**
     * Deletes a playbook that was never activated; one that created tasks on cases stays as their record and can
     * be switched off instead (TF_ERR_CONFLICT says so).
     */
    async remove(actor: Actor, id: string, now: Date) {
      await store.tx(async (r) => {
        const before = await r.playbooks.byId(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `playbook ${id} not found`);
        const used = await r.playbooks.activations(id);
        if (used > 0)
          throw new AppError(
            'TF_ERR_CONFLICT',
            `playbook ${before.name} was activated on ${used} case(s) and stays as their record; switch it off instead`,
            { reason: 'activated', cases: used },
          );
        await r.playbooks.remove(id);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'playbook.delete',
          entity: 'playbook',
          entityId: id,
          before: toPlaybook(before),
        });
      });
    },

    /** Creates the playbook's steps as tasks of the case (once per playbook and case). */
    async activate(actor: Actor, caseId: string, playbookId: string, now: Date) {
      const [c, pb] = await Promise.all([store.repos.cases.byId(caseId), store.repos.playbooks.byId(playbookId)]);
      if (!c) throw new AppError('TF_ERR_NOT_FOUND', `case ${caseId} not found`);
      if (!pb)
        throw new AppError('TF_ERR_VALIDATION', `playbookId: no playbook ${playbookId}`, { path: ['playbookId'] });
      if (pb.enabled !== 1) throw new AppError('TF_ERR_CONFLICT', `playbook ${pb.name} is switched off`);
      if (c.status === 'closed' || c.status === 'merged')
        throw new AppError('TF_ERR_INVALID_TRANSITION', `case ${c.number} is ${c.status}; reopen it first`);
      const ctx = await timeContext();
      const steps = parseJson<Step[]>(pb.steps, []);
      const tasks: CaseTasksTable[] = steps.map((s, i) => ({
        id: newId('task', now.getTime()),
        case_id: caseId,
        playbook_id: pb.id,
        step: i + 1,
        title: s.title.slice(0, 300),
        role: s.role ?? null,
        unit_id: s.unitId ?? null,
        due_at: s.within ? addDuration(now, s.within, ctx).getTime() : null,
        done_at: null,
        done_by: null,
      }));
      await store.tx(async (r) => {
        const existing = await r.cases.tasks(caseId);
        if (existing.some((t) => t.playbook_id === pb.id))
          throw new AppError('TF_ERR_CONFLICT', `playbook ${pb.name} is already active on case ${c.number}`);
        const offset = existing.reduce((m, t) => Math.max(m, t.step), 0);
        for (const t of tasks) await r.cases.insertTask({ ...t, step: t.step + offset });
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'case.playbook_activate',
          entity: 'case',
          entityId: caseId,
          after: { playbookId: pb.id, name: pb.name, tasks: tasks.length },
        });
        tasks.forEach((t) => (t.step += offset));
      });
      return { caseId, playbookId: pb.id, tasks: tasks.map(toTask) };
    },

    /** Checks a task off: a liaison for its own unit's tasks, others with cases:write. */
    async taskDone(actor: Actor, caseId: string, taskId: string, now: Date) {
      const c = await store.repos.cases.byId(caseId);
      if (!c) throw new AppError('TF_ERR_NOT_FOUND', `case ${caseId} not found`);
      const task = (await store.repos.cases.tasks(caseId)).find((t) => t.id === taskId);
      if (!task) throw new AppError('TF_ERR_NOT_FOUND', `task ${taskId} not found on case ${c.number}`);
      if (actor.role === 'unit_liaison') {
        const s = CaseStateSchema.parse(JSON.parse(c.state));
        const caseUnits = [s.leadUnitId, ...s.coUnitIds];
        const mine = task.unit_id
          ? task.unit_id === actor.unitId
          : task.role === 'unit_liaison' && !!actor.unitId && caseUnits.includes(actor.unitId);
        if (!mine) throw new AppError('TF_ERR_FORBIDDEN', 'this task is not assigned to your unit');
      } else if (!can(actor, 'cases:write')) {
        throw new AppError('TF_ERR_FORBIDDEN', 'you need cases:write to check off tasks');
      }
      if (task.done_at !== null)
        throw new AppError('TF_ERR_CONFLICT', `task ${task.step} was done by ${task.done_by} at ${iso(task.done_at)}`);
      const doneBy = actor.userId ?? actor.tokenId ?? 'system';
      await store.tx(async (r) => {
        await r.cases.updateTask(taskId, { done_at: now.getTime(), done_by: doneBy });
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'case.task_done',
          entity: 'case',
          entityId: caseId,
          after: {
            taskId,
            step: task.step,
            title: task.title,
            late: task.due_at !== null && now.getTime() > Number(task.due_at),
          },
        });
      });
      return toTask({ ...task, done_at: now.getTime(), done_by: doneBy });
    },
  };
}
export type PlaybookService = ReturnType<typeof createPlaybookService>;
