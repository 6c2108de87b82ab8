// 总览. Phase 1: loads GET /api/stats/overview and shows its headline figures, or says what failed.
// The charts (volume by sentiment, source mix, events, alerts, word cloud, places, ledger) come in phase 2.
import { Card, Col, Row, Statistic } from 'antd';
import { useApi } from '../api/use-api.ts';
import { PageState } from '../components/page-state.tsx';
import { PageFrame } from './page-frame.tsx';
import { useI18n } from '../i18n/locale-context.tsx';

/** Top-level numeric figures of the overview payload, whatever its final contract names them. */
export function headlineFigures(data: unknown): Array<[string, number]> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
}

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useApi<unknown>('/api/stats/overview');
  const figures = headlineFigures(overview.data);
  return (
    <PageFrame title={t('nav.overview')} description={t('overview.description')}>
      <div data-testid="overview-state">
        <PageState
          what={t('overview.load')}
          loading={overview.loading}
          error={overview.error}
          onRetry={overview.reload}
          empty={figures.length === 0}
          emptyText={t('overview.noData')}
        >
          <Row gutter={[16, 16]}>
            {figures.map(([name, value]) => (
              <Col key={name} xs={12} md={8} xl={6}>
                <Card>
                  <Statistic title={name} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
        </PageState>
      </div>
    </PageFrame>
  );
}
