// Response types of the API, inferred from the server's zod contracts (type-only: nothing from src/ is bundled).
import type { z } from 'zod';
import type { Overview as OverviewSchema } from '../../../src/contracts/stats.ts';
import type { Permission as PermissionType } from '../../../src/contracts/permissions.ts';

export type Overview = z.infer<typeof OverviewSchema>;
export type Permission = PermissionType;
