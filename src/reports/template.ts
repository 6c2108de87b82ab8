/**
 * Report templates: the office's name, and for each report kind which sections appear, in which order, under which
 * titles. Renderers number the sections 一、二、三… in the order given; a section left out of the list is off.
 */
import { z } from 'zod';
import { ReportError, type ReportKind } from './types.ts';

export const DAILY_SECTIONS = [
  'summary',
  'totals',
  'events',
  'negative',
  'alerts',
  'ledger',
  'watch',
  'notes',
] as const;
export const PERIODIC_SECTIONS = [
  'summary',
  'totals',
  'trend',
  'events',
  'ledger',
  'units',
  'releases',
  'sources',
  'watch',
  'notes',
] as const;
export const SPECIAL_SECTIONS = [
  'summary',
  'overview',
  'timeline',
  'spread',
  'sentiment',
  'keyPosts',
  'handling',
  'releases',
  'state',
  'notes',
] as const;

export type SectionId =
  (typeof DAILY_SECTIONS)[number] | (typeof PERIODIC_SECTIONS)[number] | (typeof SPECIAL_SECTIONS)[number];

export const DEFAULT_TITLES: Record<SectionId, string> = {
  summary: '综述',
  totals: '信息总量',
  events: '新增及升温事件',
  negative: '涉及本地的负面信息',
  alerts: '预警及处置情况',
  ledger: '台账办理情况',
  watch: '关注要点',
  notes: '数据核对说明',
  trend: '信息走势',
  units: '责任单位办理统计',
  releases: '信息发布情况',
  sources: '信息源运行情况',
  overview: '事件概况',
  timeline: '事件脉络',
  spread: '传播情况',
  sentiment: '情感走势',
  keyPosts: '重点信息',
  handling: '处置情况',
  state: '当前状态',
};

const allowed: Record<ReportKind, readonly string[]> = {
  daily: DAILY_SECTIONS,
  weekly: PERIODIC_SECTIONS,
  monthly: PERIODIC_SECTIONS,
  special: SPECIAL_SECTIONS,
};

export const ReportTemplateSchema = z
  .object({
    /** Overrides the office name from config on the cover. */
    officeName: z.string().min(1).optional(),
    /** Section titles by section id, e.g. { watch: '明日关注' }. */
    titles: z.record(z.string(), z.string().min(1)).default({}),
    sections: z
      .object({
        daily: z.array(z.string()).optional(),
        weekly: z.array(z.string()).optional(),
        monthly: z.array(z.string()).optional(),
        special: z.array(z.string()).optional(),
      })
      .default({}),
    /** Text under the cover's red line, e.g. the issuing office's full name; defaults to the office name. */
    issuer: z.string().optional(),
  })
  .strict();
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;
export type ReportTemplateInput = z.input<typeof ReportTemplateSchema>;

export interface ResolvedSection {
  id: SectionId;
  title: string;
}

export function parseTemplate(input: unknown): ReportTemplate {
  const r = ReportTemplateSchema.safeParse(input ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ReportError(
      'TF_ERR_REPORT_TEMPLATE',
      `report template ${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
    );
  }
  for (const [kind, ids] of Object.entries(r.data.sections) as Array<[ReportKind, string[] | undefined]>) {
    for (const id of ids ?? [])
      if (!allowed[kind].includes(id))
        throw new ReportError(
          'TF_ERR_REPORT_TEMPLATE',
          `report template sections.${kind}: unknown section "${id}"; use some of ${allowed[kind].join(', ')}`,
        );
  }
  for (const id of Object.keys(r.data.titles))
    if (!(id in DEFAULT_TITLES))
      throw new ReportError('TF_ERR_REPORT_TEMPLATE', `report template titles: unknown section "${id}"`);
  return r.data;
}

export function resolveSections(kind: ReportKind, t: ReportTemplate): ResolvedSection[] {
  const ids = (t.sections[kind] ?? allowed[kind]) as SectionId[];
  return ids.map((id) => ({
    id,
    title: t.titles[id] ?? (id === 'watch' && kind === 'daily' ? '明日关注' : DEFAULT_TITLES[id]),
  }));
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
export function sectionNumber(i: number): string {
  return `${CN_NUM[i] ?? String(i + 1)}、`;
}
