// A case's workflow status as a coloured tag.
import { Tag } from 'antd';
import type { CaseStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

const COLORS: Record<CaseStatus, string> = {
  registered: 'default',
  assessed: 'cyan',
  instructed: 'purple',
  assigned: 'blue',
  in_progress: 'geekblue',
  returned: 'orange',
  replied: 'lime',
  feedback: 'gold',
  closed: 'green',
  merged: 'default',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="case-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
