/** Chinese labels and number formats shared by every renderer. */
import type { AlertRow, CaseRow, CaseStatus, ReportKind, Sentiment, WarningLevel } from './types.ts';

export const SENTIMENT_ZH: Record<Sentiment, string> = { positive: '正面', neutral: '中性', negative: '负面' };

export const LEVEL_ZH: Record<WarningLevel, string> = {
  I: 'Ⅰ级（红色）',
  II: 'Ⅱ级（橙色）',
  III: 'Ⅲ级（黄色）',
  IV: 'Ⅳ级（蓝色）',
};

export function levelZh(level: WarningLevel | null): string {
  return level ? LEVEL_ZH[level] : '未定级';
}

export const TREND_ZH = { rising: '上升', peaking: '高位', fading: '回落' } as const;

export const CASE_STATUS_ZH: Record<CaseStatus, string> = {
  registered: '已登记',
  assessed: '已研判',
  instructed: '已批示',
  assigned: '已交办',
  in_progress: '办理中',
  replied: '已答复',
  feedback: '已回访',
  closed: '已办结',
  returned: '已退回',
  merged: '已合并',
};

export const SATISFACTION_ZH: Record<NonNullable<CaseRow['satisfaction']>, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const ALERT_STATUS_ZH: Record<AlertRow['status'], string> = {
  sent: '已发送',
  delivered: '已送达',
  acknowledged: '已确认',
  escalated: '已升级',
  failed: '发送失败',
};

export const CASE_ACTION_ZH = {
  registered: '登记',
  assessed: '研判',
  instructed: '领导批示',
  assigned: '交办',
  progress: '办理进展',
  replied: '答复',
  feedback: '回访',
  closed: '办结',
  returned: '退回',
  reopened: '重新办理',
  merged: '合并',
  playbook: '启动预案',
} as const;

export const REPORT_TITLE_ZH: Record<ReportKind, string> = {
  daily: '舆情日报',
  weekly: '舆情周报',
  monthly: '舆情月报',
  special: '舆情专报',
};

/** 0.8333 → "83.3%"; null → "—". */
export function pct(v: number | null): string {
  return v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

/** Change against the previous period: "+12（+35.3%）", "-3（-10.0%）", "+5（上期为0）". */
export function change(current: number, previous: number): string {
  const d = current - previous;
  const sign = d > 0 ? '+' : '';
  if (previous === 0) return d === 0 ? '持平' : `${sign}${d}（上期为0）`;
  return `${sign}${d}（${sign}${pct(d / previous)}）`;
}

export function num(v: number | null, digits = 1): string {
  return v === null ? '—' : v.toFixed(digits);
}
