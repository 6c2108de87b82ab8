/**
 * Configurable warning rules (预警规则). Each level Ⅰ–Ⅳ has alternative conditions; a condition holds when all
 * of its thresholds hold. The highest level with a holding condition wins. Validated with zod; defaults below.
 */
import { z } from 'zod';

export const WARNING_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const LEVEL_NAMES: Record<WarningLevel, string> = { I: 'Ⅰ级（红色）', II: 'Ⅱ级（橙色）', III: 'Ⅲ级（黄色）', IV: 'Ⅳ级（蓝色）' };
export const LEVEL_COLOURS: Record<WarningLevel, string> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

export const warningConditionSchema = z
  .object({
    /** A fast or slow burst with at least this ratio to baseline. */
    minBurstRatio: z.number().min(1).optional(),
    /** New posts in the burst window. */
    minNewPosts: count.optional(),
    minHeat: z.number().min(0).max(100).optional(),
    minNegativeShare: share.optional(),
    /** Reach: unique sources. */
    minSources: count.optional(),
    /** Reach: reposts + replies + likes. */
    minInteractions: count.optional(),
    minPosts: count.optional(),
    /** A word of the sensitive list appears in the event's title or keywords. */
    sensitive: z.boolean().optional(),
    /** The event names a place or unit in the office's jurisdiction. */
    inJurisdiction: z.boolean().optional(),
  })
  .strict();
export type WarningCondition = z.infer<typeof warningConditionSchema>;

export const warningRulesSchema = z
  .object({
    levels: z
      .object({
        I: z.array(warningConditionSchema),
        II: z.array(warningConditionSchema),
        III: z.array(warningConditionSchema),
        IV: z.array(warningConditionSchema),
      })
      .strict(),
    sensitiveWords: z.array(z.string().min(1)),
    jurisdiction: z.object({ places: z.array(z.string().min(1)), units: z.array(z.string().min(1)) }).strict(),
  })
  .strict();
export type WarningRules = z.infer<typeof warningRulesSchema>;

export const DEFAULT_WARNING_RULES: WarningRules = {
  levels: {
    I: [
      { minBurstRatio: 8, minNewPosts: 100, minNegativeShare: 0.6, inJurisdiction: true },
      { minBurstRatio: 5, minNewPosts: 50, sensitive: true, inJurisdiction: true, minNegativeShare: 0.5 },
    ],
    II: [
      { minBurstRatio: 5, minNewPosts: 50, minNegativeShare: 0.5 },
      { minBurstRatio: 3, minNewPosts: 20, sensitive: true, inJurisdiction: true },
      { minHeat: 85, minNegativeShare: 0.6, inJurisdiction: true, minBurstRatio: 2 },
    ],
    III: [
      { minBurstRatio: 3, minNewPosts: 20, minNegativeShare: 0.3 },
      { sensitive: true, inJurisdiction: true, minPosts: 3 },
      { minBurstRatio: 4, minNewPosts: 30 },
    ],
    IV: [
      { minBurstRatio: 2.5, minNewPosts: 10 },
      { minNegativeShare: 0.5, inJurisdiction: true, minPosts: 5 },
      { sensitive: true, minPosts: 2 },
    ],
  },
  sensitiveWords: ['死亡', '身亡', '遇难', '爆炸', '坍塌', '群体', '聚集', '上访', '维权', '讨薪', '欠薪', '打人', '殴打', '食物中毒', '污染', '失踪', '火灾', '溺亡', '贪污', '腐败'],
  jurisdiction: { places: [], units: [] },
};

/** Parses a rules document (e.g. from YAML); missing parts fall back to the defaults. Throws TF_ERR_WARNING_RULES. */
export function parseWarningRules(raw: unknown): WarningRules {
  const merged = { ...DEFAULT_WARNING_RULES, ...(raw && typeof raw === 'object' ? raw : {}) };
  const r = warningRulesSchema.safeParse(merged);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`TF_ERR_WARNING_RULES: ${first?.path.join('.') || 'rules'}: ${first?.message ?? 'invalid'}; fix the warning rule configuration`);
  }
  return r.data;
}
