// A deadline as a countdown ("剩余 2天 3小时"), red once overdue; "已完成" when the step was done.
import { Tooltip, Typography } from 'antd';
import { countdown, formatSpan } from '../format/countdown.ts';
import { useNow } from '../hooks/use-now.ts';
import { useI18n } from '../i18n/locale-context.tsx';
import { useOfficeTime } from '../format/use-office-time.ts';

export function Deadline({ due, doneAt }: { due: string | null; doneAt?: string | null }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const now = useNow();
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  if (doneAt)
    return (
      <Tooltip title={fmt(due)}>
        <Typography.Text type="success">{t('cases.done')}</Typography.Text>
      </Tooltip>
    );
  const c = countdown(due, now);
  if (!c) return <span>{fmt(due)}</span>;
  const span = formatSpan(c, { d: t('span.d'), h: t('span.h'), m: t('span.m') });
  return (
    <Tooltip title={fmt(due)}>
      <Typography.Text
        type={c.overdue ? 'danger' : undefined}
        strong={c.overdue}
        data-testid="deadline"
        data-overdue={c.overdue}
      >
        {c.overdue ? t('cases.overdueBy', { span }) : t('cases.left', { span })}
      </Typography.Text>
    </Tooltip>
  );
}
