import { z } from 'zod';

export const UnitKind = z.enum(['county', 'town', 'village', 'bureau', 'office', 'other']);
export const Unit = z.object({ id: z.string(), name: z.string(), kind: UnitKind, parentId: z.string().nullable(), aliases: z.array(z.string()) });
export type Unit = z.infer<typeof Unit>;
export const CreateUnitBody = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/).optional(),
  name: z.string().min(1).max(100),
  kind: UnitKind.default('bureau'),
  parentId: z.string().nullable().optional(),
  aliases: z.array(z.string().min(1).max(100)).max(50).default([]),
});
/** A partial change to a unit; only the fields given change. */
export const UpdateUnitBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: UnitKind,
    parentId: z.string().min(1).max(100).nullable(),
    aliases: z.array(z.string().trim().min(1).max(100)).max(50),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of name, kind, parentId, aliases' });
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;
