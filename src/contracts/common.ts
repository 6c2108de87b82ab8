import { z } from 'zod';

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const Ok = z.object({ ok: z.literal(true) });
/** ISO 8601 timestamp string (UTC instants are shown in the office time zone by clients). */
export const IsoTime = z.string();
