/** Archive look-ups for report numbering (the reports table itself is written through store.repos.reports). */
import type { Store } from './store.ts';

export function reportArchive(store: Store) {
  const { db } = store.exec;
  return {
    /** How many different report numbers of this kind carry the year `〔YEAR〕`. */
    async numbersInYear(kind: string, year: number): Promise<number> {
      const r = await db
        .selectFrom('reports')
        .select((eb) => eb.fn.count<number>('number').distinct().as('n'))
        .where('kind', '=', kind)
        .where('number', 'like', `%〔${year}〕%`)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** The number already given to a report of this kind and exact period (in any format), if any. */
    async numberOfPeriod(kind: string, periodStart: number, periodEnd: number): Promise<string | null> {
      const r = await db
        .selectFrom('reports')
        .select('number')
        .where('kind', '=', kind)
        .where('period_start', '=', periodStart)
        .where('period_end', '=', periodEnd)
        .where('number', 'is not', null)
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      return r?.number ?? null;
    },
  };
}
