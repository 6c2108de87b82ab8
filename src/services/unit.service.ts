/**
 * Units (责任单位) and places: the office's gazetteer. Every change is audited and announced (`units`), so the live
 * pipeline rebuilds its analyser with the new names and aliases. A unit that open cases, child units, users or
 * playbook steps still point at cannot be deleted; the refusal names each reason.
 */
import type { Repos, Store } from '../store/store.ts';
import type { UnitsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { parseJson } from '../store/repos/executor.ts';
import { AppError } from '../errors.ts';
import { CASE_STATUSES } from '../cases/case-model.ts';
import type { Unit, UpdateUnitBody } from '../contracts/units.ts';
import { auditActor, type Actor } from './actor.ts';
import type { Changes } from './changes.ts';

export const toUnit = (u: UnitsTable): Unit => ({
  id: u.id,
  name: u.name,
  kind: u.kind as Unit['kind'],
  parentId: u.parent_id,
  aliases: JSON.parse(u.aliases) as string[],
});

const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'closed' && s !== 'merged');

/** Why a unit cannot be deleted: each reason with how many and the first few names. */
export interface UnitInUse {
  reason: 'open_cases' | 'child_units' | 'users' | 'playbooks';
  count: number;
  items: string[];
}

const uniqueAliases = (aliases: string[], name: string) => [
  ...new Set(aliases.map((a) => a.trim()).filter((a) => a && a !== name)),
];

async function dependents(r: Repos, id: string): Promise<UnitInUse[]> {
  const [open, refs, playbooks] = await Promise.all([
    r.cases.list({ unitId: id, status: [...OPEN_STATUSES], limit: 5, offset: 0 }),
    r.units.dependents(id),
    r.playbooks.list(),
  ]);
  const usedBy = playbooks
    .filter((p) => parseJson<{ unitId?: string }[]>(p.steps, []).some((s) => s.unitId === id))
    .map((p) => p.name);
  const out: UnitInUse[] = [];
  if (open.total > 0) out.push({ reason: 'open_cases', count: open.total, items: open.rows.map((c) => c.number) });
  if (refs.children.length > 0)
    out.push({ reason: 'child_units', count: refs.children.length, items: refs.children.slice(0, 5) });
  if (refs.users.length > 0) out.push({ reason: 'users', count: refs.users.length, items: refs.users.slice(0, 5) });
  if (usedBy.length > 0) out.push({ reason: 'playbooks', count: usedBy.length, items: usedBy.slice(0, 5) });
  return out;
}

const REASON_TEXT: Record<UnitInUse['reason'], string> = {
  open_cases: 'open cases (reassign or close them first)',
  child_units: 'child units (move or delete them first)',
  users: 'users bound to it (move them to another unit first)',
  playbooks: 'playbook steps assigned to it (change those playbooks first)',
};

export function createUnitService(store: Store, changes?: Changes) {
  async function checkParent(r: Repos, id: string | null, parentId: string): Promise<void> {
    if (parentId === id)
      throw new AppError('TF_ERR_VALIDATION', 'parentId: a unit cannot be its own parent', { path: ['parentId'] });
    const seen = new Set<string>();
    for (let cur: string | null = parentId; cur;) {
      if (seen.has(cur)) break;
      seen.add(cur);
      const p = await r.units.byId(cur);
      if (!p) throw new AppError('TF_ERR_VALIDATION', `parentId: unknown parent unit ${cur}`, { path: ['parentId'] });
      if (id !== null && p.parent_id === id)
        throw new AppError('TF_ERR_VALIDATION', `parentId: ${p.name} is below this unit; that would make a loop`, {
          path: ['parentId'],
        });
      cur = p.parent_id;
    }
  }

  return {
    async list(): Promise<Unit[]> {
      return (await store.repos.units.list()).map(toUnit);
    },
    async create(
      actor: Actor,
      input: { id?: string; name: string; kind: Unit['kind']; parentId?: string | null; aliases: string[] },
      now: number,
    ): Promise<Unit> {
      if (await store.repos.units.byName(input.name))
        throw new AppError('TF_ERR_CONFLICT', `unit ${input.name} already exists`);
      if (input.parentId && !(await store.repos.units.byId(input.parentId)))
        throw new AppError('TF_ERR_VALIDATION', `unknown parent unit ${input.parentId}`, { path: ['parentId'] });
      const row: UnitsTable = {
        id: input.id ?? newId('unit', now),
        name: input.name,
        kind: input.kind,
        parent_id: input.parentId ?? null,
        aliases: JSON.stringify(input.aliases),
        created_at: now,
      };
      await store.tx(async (r) => {
        await r.units.insert(row);
        await r.audit.append({
          at: now,
          ...auditActor(actor),
          action: 'unit.create',
          entity: 'unit',
          entityId: row.id,
          after: toUnit(row),
        });
      });
      changes?.emit('units');
      return toUnit(row);
    },

    /** Changes name, kind, parent or aliases; the live analyser picks the change up. */
    async update(actor: Actor, id: string, patch: UpdateUnitBody, now: number): Promise<Unit> {
      const after = await store.tx(async (r) => {
        const before = await r.units.byId(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `unit ${id} not found`);
        const name = patch.name ?? before.name;
        if (name !== before.name) {
          const other = await r.units.byName(name);
          if (other && other.id !== id)
            throw new AppError('TF_ERR_CONFLICT', `unit ${name} already exists`, { path: ['name'] });
        }
        if (patch.parentId) await checkParent(r, id, patch.parentId);
        const row: UnitsTable = {
          ...before,
          name,
          kind: patch.kind ?? before.kind,
          parent_id: patch.parentId === undefined ? before.parent_id : patch.parentId,
          aliases: JSON.stringify(uniqueAliases(patch.aliases ?? (JSON.parse(before.aliases) as string[]), name)),
        };
        await r.units.update(id, { name: row.name, kind: row.kind, parent_id: row.parent_id, aliases: row.aliases });
        await r.audit.append({
          at: now,
          ...auditActor(actor),
          action: 'unit.update',
          entity: 'unit',
          entityId: id,
          before: toUnit(before),
          after: toUnit(row),
        });
        return row;
      });
      changes?.emit('units');
      return toUnit(after);
    },

    /** Deletes a unit nothing depends on any more; otherwise TF_ERR_CONFLICT naming every reason. */
    async remove(actor: Actor, id: string, now: number): Promise<void> {
      await store.tx(async (r) => {
        const before = await r.units.byId(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `unit ${id} not found`);
        const inUse = await dependents(r, id);
        if (inUse.length > 0) {
          const why = inUse.map(
            (u) => `${u.count} ${REASON_TEXT[u.reason]}: ${u.items.join(', ')}${u.count > u.items.length ? ', …' : ''}`,
          );
          throw new AppError(
            'TF_ERR_CONFLICT',
            `unit ${before.name} is still in use and cannot be deleted — ${why.join('; ')}`,
            { reasons: inUse },
          );
        }
        await r.units.remove(id);
        await r.audit.append({
          at: now,
          ...auditActor(actor),
          action: 'unit.delete',
          entity: 'unit',
          entityId: id,
          before: toUnit(before),
        });
      });
      changes?.emit('units');
    },
  };
}
export type UnitService = ReturnType<typeof createUnitService>;
