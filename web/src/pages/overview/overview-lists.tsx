// The overview's lists: hottest events with their warning levels and reasons, and the latest open alerts.
import { Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Overview } from '../../api/types.ts';
import { LevelTag } from '../../components/level-tag.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';

export function TopEventsList({ data }: { data: Overview }) {
  const { t } = useI18n();
  if (data.topEvents.length === 0) return <Empty description={t('overview.noEvents')} />;
  return (
    <List
      size="small"
      data-testid="top-events"
      dataSource={data.topEvents.slice(0, 8)}
      renderItem={(e) => (
        <List.Item key={e.id} extra={<Tag>{t('overview.heat', { heat: Math.round(e.heat) })}</Tag>}>
          <List.Item.Meta
            title={
              <Space size={4} wrap>
                <LevelTag level={e.level} />
                <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>
              </Space>
            }
            description={
              <span>
                {t('common.posts', { count: e.postCount })}
                {e.reasons.length > 0 && <span> · {e.reasons.slice(0, 2).join('；')}</span>}
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}

export function LatestAlertsList({ data }: { data: Overview }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  if (data.alerts.latest.length === 0) return <Empty description={t('overview.noAlerts')} />;
  return (
    <List
      size="small"
      data-testid="latest-alerts"
      dataSource={data.alerts.latest.slice(0, 6)}
      renderItem={(a) => (
        <List.Item key={a.id}>
          <Space size={4} wrap>
            <LevelTag level={a.level} />
            <Link to="/alerts">{a.title}</Link>
            <Typography.Text type="secondary">{fmt(a.createdAt)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
