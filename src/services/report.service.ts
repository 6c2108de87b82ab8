/**
 * Reports: generate daily / weekly / monthly / special-topic (event) reports from the store, keep each file in the
 * archive (`reports` table: who generated it, the period, the number), list and download them, export the ledger,
 * and run the schedule once per period across processes (a lease per report and date, then the archive).
 * Numbering: the serial of a report number is the count of report numbers of that kind in its year + 1; a report
 * for a period that already has a number (another format, or a regeneration) keeps that number.
 */
import { hostname } from 'node:os';
import type { Store } from '../store/store.ts';
import type { ReportsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { createStoreReportDataSource } from '../store/report-data.ts';
import { reportArchive } from '../store/report-archive.ts';
import { AppError } from '../errors.ts';
import type { ReportFileFormat, ReportMeta, ReportRequestKind } from '../contracts/reports.ts';
import { assembleDaily, assemblePeriodic, assembleSpecial, type AssembleOptions } from '../reports/assemble.ts';
import {
  dailyPeriod,
  defaultReportDate,
  eventPeriod,
  localDateOf,
  monthlyPeriod,
  parseLocalDate,
  weeklyPeriod,
} from '../reports/period.ts';
import { CONTENT_TYPES, renderReport } from '../reports/render.ts';
import type { LlmSummaryOptions } from '../reports/summary.ts';
import type { ReportTemplateInput } from '../reports/template.ts';
import { ReportError, type AnyReportData, type Period } from '../reports/types.ts';
import { exportCasesXlsx } from './report-export.ts';
import { defaultSchedule, dueReports, type ReportSchedule } from './report-schedule.ts';
import { auditActor, SYSTEM_ACTOR, type Actor } from './actor.ts';

export interface ReportServiceOptions {
  timeZone: string;
  officeName: string;
  /** The desk's public URL; reports link back to it. */
  baseUrl: string;
  /** Daily cut-off HH:MM (default 17:00): the daily period ends there, and the daily report is due then. */
  dailyCutoff?: string;
  schedule?: Partial<ReportSchedule>;
  /** Formats the schedule generates (default docx). */
  scheduleFormats?: ReportFileFormat[];
  llm?: LlmSummaryOptions;
  /** This process's name in leases (default host:pid:random). */
  holder?: string;
}

export interface GenerateRequest {
  kind: ReportRequestKind;
  date?: string;
  eventId?: string;
  format: ReportFileFormat;
}

export type ScheduleOutcome = { kind: string; date: string; format: ReportFileFormat } & (
  { status: 'generated'; id: string } | { status: 'exists'; id: string } | { status: 'busy' }
);

const LEASE_TTL_MS = 10 * 60_000;
const ARCHIVE_KIND = { daily: 'daily', weekly: 'weekly', monthly: 'monthly', event: 'event' } as const;

function appError(e: unknown): unknown {
  if (!(e instanceof ReportError)) return e;
  if (e.code === 'TF_ERR_REPORT_NOT_FOUND') return new AppError('TF_ERR_NOT_FOUND', e.message);
  if (e.code === 'TF_ERR_REPORT_DATA') return e; // a bug: 500, internals hidden
  return new AppError('TF_ERR_VALIDATION', e.message);
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function createReportService(store: Store, opts: ReportServiceOptions) {
  const tz = opts.timeZone;
  const ds = createStoreReportDataSource(store, { timeZone: tz });
  const archive = reportArchive(store);
  const schedule: ReportSchedule = { ...defaultSchedule(opts.dailyCutoff), ...opts.schedule };
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  async function nameOf(userId: string | null): Promise<string | null> {
    if (!userId || userId === 'system') return null;
    return (await store.repos.users.byId(userId))?.display_name ?? null;
  }

  const toMeta = (r: Omit<ReportsTable, 'body'>, name: string | null): ReportMeta => ({
    id: r.id,
    kind: (r.kind in ARCHIVE_KIND ? r.kind : 'daily') as ReportRequestKind,
    number: r.number,
    periodStart: new Date(Number(r.period_start)).toISOString(),
    periodEnd: new Date(Number(r.period_end)).toISOString(),
    format: r.format as ReportFileFormat,
    fileName: r.file_name,
    contentType: CONTENT_TYPES[r.format as ReportFileFormat] ?? 'application/octet-stream',
    generatedBy: r.generated_by,
    generatedByName: name ?? (r.generated_by === 'system' ? '系统（定时）' : null),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    downloadUrl: `/api/reports/${encodeURIComponent(r.id)}/download`,
  });

  /** The period a request covers and the year its number carries (as assemble.ts writes it). */
  async function periodOf(req: GenerateRequest, now: Date): Promise<{ period: Period; year: number; date: string }> {
    if (req.kind === 'event') {
      const e = await ds.getEvent(req.eventId ?? '');
      if (!e)
        throw new ReportError(
          'TF_ERR_REPORT_NOT_FOUND',
          `event "${req.eventId ?? ''}" not found; pass the id of an event on the desk`,
        );
      const period = eventPeriod(e.firstSeenAt, new Date(Date.parse(e.lastSeenAt) + 1000).toISOString(), tz);
      return { period, year: localDateOf(now, tz).y, date: '' };
    }
    const date = req.date ?? defaultReportDate(req.kind, now, tz);
    const d = parseLocalDate(date);
    if (req.kind === 'daily') return { period: dailyPeriod(date, tz, opts.dailyCutoff).period, year: d.y, date };
    if (req.kind === 'monthly') return { period: monthlyPeriod(date, tz).period, year: d.y, date };
    const period = weeklyPeriod(date, tz).period;
    return { period, year: localDateOf(new Date(Date.parse(period.start) + 3.5 * 86400_000), tz).y, date };
  }

  async function serialFor(kind: string, period: Period, year: number): Promise<number> {
    const existing = await archive.numberOfPeriod(kind, Date.parse(period.start), Date.parse(period.end));
    const m = existing ? /〔(\d{4})〕第(\d+)期/.exec(existing) : null;
    if (m && Number(m[1]) === year) return Number(m[2]);
    return (await archive.numbersInYear(kind, year)) + 1;
  }

  async function build(
    req: GenerateRequest,
    generatedBy: string,
    now: Date,
  ): Promise<{ data: AnyReportData; period: Period }> {
    const { period, year, date } = await periodOf(req, now);
    const o: AssembleOptions = {
      officeName: opts.officeName,
      baseUrl: opts.baseUrl,
      timeZone: tz,
      generatedBy,
      now,
      serial: await serialFor(ARCHIVE_KIND[req.kind], period, year),
      ...(opts.dailyCutoff ? { dailyCutoff: opts.dailyCutoff } : {}),
    };
    const data =
      req.kind === 'event'
        ? await assembleSpecial(ds, req.eventId ?? '', o)
        : req.kind === 'daily'
          ? await assembleDaily(ds, date, o)
          : await assemblePeriodic(ds, req.kind, date, o);
    return { data, period };
  }

  return {
    /** Builds the report from the store, keeps the file in the archive, and returns its archive entry. */
    async generate(actor: Actor, req: GenerateRequest, now: Date): Promise<ReportMeta> {
      try {
        const name = actor.type === 'system' ? '系统（定时）' : ((await nameOf(actor.userId)) ?? actor.role);
        const { data, period } = await build(req, name, now);
        const template = (await store.repos.settings.get<ReportTemplateInput>('reports.template')) ?? undefined;
        const file = await renderReport(data, req.format, {
          ...(template ? { template } : {}),
          ...(opts.llm ? { llm: opts.llm } : {}),
        });
        const row: ReportsTable = {
          id: newId('rpt', now.getTime()),
          kind: ARCHIVE_KIND[req.kind],
          number: data.meta.reportNumber,
          period_start: Date.parse(period.start),
          period_end: Date.parse(period.end),
          format: req.format,
          file_name: file.fileName,
          body: file.body,
          generated_by: actor.type === 'system' ? 'system' : (actor.userId ?? actor.type),
          created_at: now.getTime(),
        };
        await store.tx(async (r) => {
          await r.reports.insert(row);
          await r.audit.append({
            at: now.getTime(),
            ...auditActor(actor),
            action: 'report.generate',
            entity: 'report',
            entityId: row.id,
            after: {
              kind: row.kind,
              number: row.number,
              format: row.format,
              periodStart: period.start,
              periodEnd: period.end,
              eventId: req.eventId ?? null,
            },
          });
        });
        return toMeta(row, actor.type === 'system' ? null : name);
      } catch (e) {
        throw appError(e);
      }
    },

    async list(limit = 100): Promise<ReportMeta[]> {
      const rows = await store.repos.reports.list(limit);
      const names = new Map<string, string | null>();
      for (const r of rows) if (!names.has(r.generated_by)) names.set(r.generated_by, await nameOf(r.generated_by));
      return rows.map((r) => toMeta(r, names.get(r.generated_by) ?? null));
    },

    /** The stored file for download. */
    async get(id: string): Promise<{ meta: ReportMeta; body: Buffer; contentDisposition: string }> {
      const r = await store.repos.reports.byId(id);
      if (!r) throw new AppError('TF_ERR_NOT_FOUND', `report ${id} not found`);
      const { body, ...rest } = r;
      return {
        meta: toMeta(rest, await nameOf(r.generated_by)),
        body: Buffer.from(body),
        contentDisposition: contentDisposition(r.file_name),
      };
    },

    /** The ledger export (.xlsx) of cases registered from `from` to `to` (dates, inclusive); a liaison gets its unit's. */
    async exportCases(actor: Actor, from: string, to: string, now: Date) {
      try {
        const name = (await nameOf(actor.userId)) ?? actor.role;
        const x = await exportCasesXlsx(
          ds,
          { officeName: opts.officeName, timeZone: tz, baseUrl: opts.baseUrl, generatedBy: name, now },
          from,
          to,
          actor.role === 'unit_liaison' ? (actor.unitId ?? '__none__') : undefined,
        );
        return { ...x, contentDisposition: contentDisposition(x.fileName) };
      } catch (e) {
        throw appError(e);
      }
    },

    /** Generates the scheduled reports that are due at `now` and not yet in the archive; safe to call from every process. */
    async runSchedule(now: Date): Promise<ScheduleOutcome[]> {
      const out: ScheduleOutcome[] = [];
      for (const due of dueReports(now, tz, schedule)) {
        const lease = `report:${due.kind}:${due.date}`;
        const formats = opts.scheduleFormats ?? ['docx'];
        if (!(await store.repos.leases.acquire(lease, holder, now.getTime(), LEASE_TTL_MS))) {
          for (const format of formats) out.push({ ...due, format, status: 'busy' });
          continue;
        }
        try {
          const { period } = await periodOf({ kind: due.kind, date: due.date, format: 'docx' }, now);
          for (const format of formats) {
            const have = await store.repos.reports.findByPeriod(due.kind, Date.parse(period.start), format);
            if (have) out.push({ ...due, format, status: 'exists', id: have.id });
            else
              out.push({
                ...due,
                format,
                status: 'generated',
                id: (await this.generate(SYSTEM_ACTOR, { kind: due.kind, date: due.date, format }, now)).id,
              });
          }
        } finally {
          await store.repos.leases.release(lease, holder);
        }
      }
      return out;
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
