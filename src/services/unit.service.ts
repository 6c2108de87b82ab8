import type { Store } from '../store/store.ts';
import type { UnitsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import type { Unit } from '../contracts/units.ts';
import { auditActor, type Actor } from './actor.ts';
import type { Changes } from './changes.ts';

export const toUnit = (u: UnitsTable): Unit => ({
  id: u.id, name: u.name, kind: u.kind as Unit['kind'], parentId: u.parent_id, aliases: JSON.parse(u.aliases) as string[],
});

export function createUnitService(store: Store, changes?: Changes) {
  return {
    async list(): Promise<Unit[]> {
      return (await store.repos.units.list()).map(toUnit);
    },
    async create(actor: Actor, input: { id?: string; name: string; kind: Unit['kind']; parentId?: string | null; aliases: string[] }, now: number): Promise<Unit> {
      if (await store.repos.units.byName(input.name)) throw new AppError('TF_ERR_CONFLICT', `unit ${input.name} already exists`);
      if (input.parentId && !(await store.repos.units.byId(input.parentId))) throw new AppError('TF_ERR_VALIDATION', `unknown parent unit ${input.parentId}`, { path: ['parentId'] });
      const row: UnitsTable = { id: input.id ?? newId('unit', now), name: input.name, kind: input.kind, parent_id: input.parentId ?? null, aliases: JSON.stringify(input.aliases), created_at: now };
      await store.tx(async (r) => {
        await r.units.insert(row);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'unit.create', entity: 'unit', entityId: row.id, after: toUnit(row) });
      });
      changes?.emit('units');
      return toUnit(row);
    },
  };
}
export type UnitService = ReturnType<typeof createUnitService>;
