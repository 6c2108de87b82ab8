import { z } from 'zod';

export const ROLES = ['admin', 'analyst', 'duty_officer', 'leader', 'unit_liaison'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.string().nullable(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

export const LoginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const MeResponse = z.object({
  user: User,
  permissions: z.array(z.string()),
  office: z.object({ name: z.string(), timezone: z.string() }),
});

export const Username = z.string().regex(/^[A-Za-z0-9_.@-]{2,64}$/, '2–64 letters, digits or _ . @ -');
export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().min(1).max(100).optional(),
  role: Role,
  unitId: z.string().nullable().optional(),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export const UpdateUserBody = z.object({
  displayName: z.string().min(1).max(100).optional(),
  role: Role.optional(),
  unitId: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(10).max(200).optional(),
});

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateTokenBody = z.object({ name: z.string().min(1).max(100), scopes: z.array(z.string()).min(1) });
export const CreateTokenResponse = z.object({ token: z.string(), info: ApiToken });

export const ChangePasswordBody = z.object({ current: z.string().min(1).max(200), next: z.string().min(10, 'at least 10 characters').max(200) });
