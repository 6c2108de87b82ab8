// 总览: GET /api/stats/overview drawn as figures, charts and lists; refreshed when posts arrive (SSE) or every
// minute when the stream is unavailable. A button opens the wall screen (#/wall). Opening the app on the overview
// starts its data and chart code loading at once (the boot script, main.tsx, with overview-early.ts).
import { Button, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Overview } from '../../api/types.ts';
import { PageState } from '../../components/page-state.tsx';
import { PageFrame } from '../page-frame.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { useLiveRefresh } from '../../live/use-live-refresh.ts';
import { OverviewBoard } from './overview-board.tsx';
import { useOverviewData } from './use-overview-data.ts';

export function OverviewWindow({ data, light }: { data: Overview; light?: boolean }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  return (
    <Typography.Paragraph data-testid="overview-window" style={light ? { color: 'rgba(255,255,255,0.75)' } : undefined}>
      {t('overview.window', { from: fmt(data.from), to: fmt(data.to), zone: data.timezone })}
      {data.demo && <span style={{ marginLeft: 8, color: '#9254de' }}>[{t('overview.demo')}]</span>}
    </Typography.Paragraph>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useOverviewData();
  useLiveRefresh(overview.reload);
  const data = overview.data;
  return (
    <PageFrame
      title={t('nav.overview')}
      description={t('overview.description')}
      extra={
        <Link to="/wall">
          <Button icon={<DesktopOutlined />} data-testid="wall-link">
            {t('overview.wall')}
          </Button>
        </Link>
      }
    >
      <div data-testid="overview-state">
        <PageState
          what={t('overview.load')}
          loading={overview.loading && !data}
          error={data ? undefined : overview.error}
          onRetry={overview.reload}
        >
          {data && (
            <>
              <OverviewWindow data={data} />
              <OverviewBoard data={data} />
            </>
          )}
        </PageState>
      </div>
    </PageFrame>
  );
}
