// Warning level tag: Ⅰ red, Ⅱ orange, Ⅲ yellow, Ⅳ blue (预警级别).
import { Tag } from 'antd';
import { useI18n } from '../i18n/locale-context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';

export const LEVEL_COLORS: Record<number, string> = { 1: '#cf1322', 2: '#fa8c16', 3: '#fadb14', 4: '#1677ff' };
const TAG_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };

export function levelKey(level: number): MessageKey {
  return (['level.1', 'level.2', 'level.3', 'level.4'] as const)[Math.min(4, Math.max(1, level)) - 1]!;
}

export function LevelTag({ level }: { level: number | null | undefined }) {
  const { t } = useI18n();
  if (level === null || level === undefined) return <Tag>{t('level.none')}</Tag>;
  return (
    <Tag color={TAG_COLORS[level] ?? 'default'} data-testid="level-tag" data-level={level}>
      {t(levelKey(level))}
    </Tag>
  );
}
