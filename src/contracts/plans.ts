import { z } from 'zod';

export const Plan = z.object({
  id: z.string(),
  name: z.string(),
  expression: z.string(),
  places: z.array(z.string()),
  units: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const PlanBody = z.object({
  name: z.string().min(1).max(100),
  expression: z.string().min(1).max(5000),
  places: z.array(z.string()).max(100).default([]),
  units: z.array(z.string()).max(100).default([]),
  enabled: z.boolean().default(true),
});
/** A syntax error points at the column (1-based) of the expression. */
export const PlanCheck = z.object({
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string(), column: z.number(), length: z.number().optional() }).nullable(),
});
export const PlanTestBody = z.object({ expression: z.string().min(1).max(5000), days: z.number().int().min(1).max(90).default(30), sample: z.number().int().min(1).max(50).default(20) });
export const PlanTestResponse = z.object({
  check: PlanCheck,
  matched: z.number(),
  scanned: z.number(),
  perDay: z.array(z.object({ date: z.string(), count: z.number() })),
  samples: z.array(z.object({ postId: z.string(), title: z.string().nullable(), text: z.string(), hits: z.array(z.string()), publishedAt: z.string() })),
});
