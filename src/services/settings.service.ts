/**
 * Office settings that are documents rather than rows: warning rules, the deadline table, holiday overrides, case
 * numbering, the report template, default leaders, the user dictionary. Each is validated by the schema of the code
 * that uses it; changing warning rules or the user dictionary rebuilds the live pipeline.
 */
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_WARNING_RULES, warningRulesSchema } from '../analysis/events/warning-rules.ts';
import { DeadlinePolicySchema, defaultDeadlinePolicy } from '../cases/deadlines.ts';
import { CalendarOverridesSchema } from '../cases/calendar.ts';
import { CaseNumberingSchema } from '../cases/numbering.ts';
import { ReportTemplateSchema } from '../reports/template.ts';
import { ReportDeliverySchema } from './report-delivery.ts';
import { USER_WORDS_SETTING, UserWords } from '../contracts/dictionary.ts';
import { auditActor, type Actor } from './actor.ts';
import type { ChangeKind, Changes } from './changes.ts';

interface SettingSpec {
  schema: z.ZodType;
  defaults: () => unknown;
  description: string;
  change?: ChangeKind;
}

export const SETTINGS: Record<string, SettingSpec> = {
  'warning.rules': { schema: warningRulesSchema, defaults: () => DEFAULT_WARNING_RULES, description: '预警级别规则（热度、突增、负面占比、敏感词、属地）', change: 'rules' },
  'deadlines.policy': { schema: DeadlinePolicySchema, defaults: () => defaultDeadlinePolicy(), description: '办理时限表（按级别、类别；小时或工作日）' },
  'calendar.overrides': { schema: CalendarOverridesSchema, defaults: () => [], description: '节假日与调休调整（补充 chinese-days 数据）' },
  'cases.numbering': { schema: CaseNumberingSchema, defaults: () => CaseNumberingSchema.parse(undefined), description: '台账编号规则' },
  'reports.template': { schema: ReportTemplateSchema, defaults: () => ReportTemplateSchema.parse({}), description: '报告模板（单位名称、章节与标题）' },
  'reports.delivery': { schema: ReportDeliverySchema, defaults: () => ReportDeliverySchema.parse({}), description: '定时报告的送达：角色、人员与渠道（邮件、企业微信、钉钉等）' },
  'alerts.defaultLeaderIds': { schema: z.array(z.string()).max(50), defaults: () => [], description: '值班表未指定带班领导时的默认领导（用户 ID）' },
  [USER_WORDS_SETTING]: { schema: UserWords, defaults: () => [], description: '自定义词典：分词时保持完整的词（词、可选词频、可选词性），如本地小区、道路、机构简称', change: 'dictionary' },
};

export function createSettingsService(store: Store, opts: { changes: Changes }) {
  function spec(key: string): SettingSpec {
    const s = SETTINGS[key];
    if (!s) throw new AppError('TF_ERR_NOT_FOUND', `unknown setting ${key}; known: ${Object.keys(SETTINGS).join(', ')}`);
    return s;
  }
  return {
    async list() {
      const out = [];
      for (const [key, s] of Object.entries(SETTINGS)) {
        const stored = await store.repos.settings.get<unknown>(key);
        out.push({ key, description: s.description, value: stored ?? s.defaults(), isDefault: stored === undefined });
      }
      return out;
    },
    async get(key: string) {
      const s = spec(key);
      const stored = await store.repos.settings.get<unknown>(key);
      return { key, description: s.description, value: stored ?? s.defaults(), isDefault: stored === undefined };
    },
    async set(actor: Actor, key: string, value: unknown, now: number) {
      const s = spec(key);
      const parsed = s.schema.safeParse(value);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new AppError('TF_ERR_VALIDATION', `value.${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`, { issues: parsed.error.issues.slice(0, 20) });
      }
      const before = await store.repos.settings.get<unknown>(key);
      await store.tx(async (r) => {
        await r.settings.set(key, parsed.data, now);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'settings.set', entity: 'setting', entityId: key, before: before ?? null, after: parsed.data });
      });
      if (s.change) opts.changes.emit(s.change);
      return this.get(key);
    },
    /** Back to the default: the stored value is removed (audited with what it was); nothing happens when there is none. */
    async reset(actor: Actor, key: string, now: number) {
      const s = spec(key);
      const before = await store.repos.settings.get<unknown>(key);
      if (before !== undefined) {
        await store.tx(async (r) => {
          await r.settings.delete(key);
          await r.audit.append({ at: now, ...auditActor(actor), action: 'settings.reset', entity: 'setting', entityId: key, before, after: null });
        });
        if (s.change) opts.changes.emit(s.change);
      }
      return this.get(key);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
