import { z } from 'zod';

export const SourceHealth = z.object({
  runs: z.number(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  consecutiveFailures: z.number(),
  itemsLastRun: z.number().nullable(),
  recentItems: z.array(z.number()),
  volumeFlag: z.string(),
  status: z.enum(['never-run', 'ok', 'failing', 'stale']),
});

export const Source = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  intervalSeconds: z.number(),
  cron: z.string().nullable(),
  weight: z.number(),
  retentionDays: z.number().nullable(),
  demo: z.boolean(),
  health: SourceHealth,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Source = z.infer<typeof Source>;

export const SourceBody = z.object({
  name: z.string().min(1).max(200),
  kind: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean().default(true),
  intervalSeconds: z.number().int().min(60).max(7 * 86400).default(900),
  cron: z.string().max(200).nullable().optional(),
  weight: z.number().min(0).max(10).default(1),
  retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export const SourcePatch = SourceBody.partial();

export const ConnectorKind = z.object({ kind: z.string(), title: z.string(), description: z.string(), schema: z.record(z.string(), z.unknown()) });

export const PreviewItem = z.object({ url: z.string(), title: z.string(), text: z.string(), published_at: z.string(), author: z.string().nullable() });
export const TestFetchBody = z.object({ kind: z.string(), config: z.record(z.string(), z.unknown()) });
export const TestFetchResponse = z.object({ ok: z.boolean(), items: z.array(PreviewItem), error: z.string().nullable() });
export const RunResponse = z.object({ ok: z.boolean(), items: z.number(), stored: z.number(), error: z.string().nullable() });
