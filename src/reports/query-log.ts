/**
 * Records every data-source call a report makes and validates its answer. Each call gets an id (Q1, Q2, …) that
 * the report's figures cite, and the list goes into the report's "数据核对" appendix so a reader can re-run it.
 */
import type { z } from 'zod';
import { ReportError, type QueryNote } from './types.ts';

export interface Logged<T> {
  rows: T;
  q: string;
}

export class QueryLog {
  readonly notes: QueryNote[] = [];

  async run<S extends z.ZodType>(
    name: string,
    args: unknown,
    schema: S,
    call: () => Promise<unknown>,
  ): Promise<Logged<z.infer<S>>> {
    const id = `Q${this.notes.length + 1}`;
    const raw = await call();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
      throw new ReportError(
        'TF_ERR_REPORT_DATA',
        `data source ${name} returned invalid data (${where}); fix the ReportDataSource implementation`,
      );
    }
    const rows: z.infer<S> = parsed.data;
    this.notes.push({
      id,
      call: `${name}(${JSON.stringify(args)})`,
      rows: Array.isArray(rows) ? rows.length : rows === null ? 0 : 1,
    });
    return { rows, q: id };
  }
}
