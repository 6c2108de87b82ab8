// 大屏: the overview full screen on a dark theme with large type, for the duty room's wall. Refreshes live.
import { Button, ConfigProvider, Space, theme, Typography } from 'antd';
import { CompressOutlined, ExpandOutlined, RollbackOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PageState } from '../../components/page-state.tsx';
import { PageFrameTitle } from '../page-frame-title.tsx';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useLiveRefresh } from '../../live/use-live-refresh.ts';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { OverviewBoard } from './overview-board.tsx';
import { OverviewWindow } from './overview-page.tsx';
import { useOverviewData } from './use-overview-data.ts';
import { useEffect, useState } from 'react';

function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const f = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', f);
    return () => document.removeEventListener('fullscreenchange', f);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return [on, toggle];
}

export function WallPage() {
  const { t } = useI18n();
  const { office } = useAuth();
  const { fmt } = useOfficeTime();
  const navigate = useNavigate();
  const overview = useOverviewData();
  const [updated, setUpdated] = useState(() => new Date());
  useLiveRefresh(() => {
    overview.reload();
    setUpdated(new Date());
  });
  const [full, toggleFull] = useFullscreen();
  const data = overview.data;
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 18 } }}>
      <div
        className="tf-wall"
        data-testid="wall"
        style={{ minHeight: '100vh', background: '#0b1220', color: '#fff', padding: 24 }}
      >
        <PageFrameTitle title={t('overview.wall')} />
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <Typography.Title level={1} style={{ margin: 0, flex: 1, color: '#fff', fontSize: 40 }}>
            {office.name ?? t('app.defaultOffice')} · {t('nav.overview')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>
            {t('overview.updated', { time: fmt(updated, 'time') })}
          </Typography.Text>
          <Space>
            <Button icon={full ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFull}>
              {t('overview.fullscreen')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => void navigate('/')} data-testid="wall-exit">
              {t('overview.exitWall')}
            </Button>
          </Space>
        </div>
        <PageState
          what={t('overview.load')}
          loading={overview.loading && !data}
          error={data ? undefined : overview.error}
          onRetry={overview.reload}
        >
          {data && (
            <>
              <OverviewWindow data={data} light />
              <OverviewBoard data={data} wall />
            </>
          )}
        </PageState>
      </div>
    </ConfigProvider>
  );
}
