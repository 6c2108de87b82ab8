// 总览. Phase 1: headline figures of GET /api/stats/overview (or what failed). The charts — volume by sentiment
// with gaps, source mix, events, word cloud, places — come in phase 2 on the same payload.
import { Alert, Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useApi } from '../../api/use-api.ts';
import type { Overview } from '../../api/types.ts';
import { PageState } from '../../components/page-state.tsx';
import { PageFrame } from '../page-frame.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { formatDateTime } from '../../format/date.ts';
import { formatFigure, overviewFigures, postsChange } from './overview-figures.ts';

function Window({ data }: { data: Overview }) {
  const { t } = useI18n();
  const fmt = (v: string) => formatDateTime(v, { timeZone: data.timezone });
  return (
    <Typography.Paragraph data-testid="overview-window">
      {t('overview.window', { from: fmt(data.from), to: fmt(data.to), zone: data.timezone })}
      {data.demo && (
        <Tag color="purple" style={{ marginLeft: 8 }}>
          {t('overview.demo')}
        </Tag>
      )}
    </Typography.Paragraph>
  );
}

function Figures({ data }: { data: Overview }) {
  const { t, locale } = useI18n();
  const change = postsChange(data);
  return (
    <Row gutter={[16, 16]}>
      {overviewFigures(data).map((fig) => (
        <Col key={fig.key} xs={12} md={8} xl={6}>
          <Card data-testid={`figure-${fig.key}`}>
            <Statistic
              title={t(fig.label)}
              value={formatFigure(fig.value, fig.unit, locale)}
              styles={{ content: fig.alarm ? { color: '#cf1322' } : undefined }}
              suffix={fig.key === 'posts' && change !== null ? <small>{t('overview.change', { change: formatFigure(change, 'percent', locale) })}</small> : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useApi<Overview>('/api/stats/overview');
  const data = overview.data;
  return (
    <PageFrame title={t('nav.overview')} description={t('overview.description')}>
      <div data-testid="overview-state">
        <PageState what={t('overview.load')} loading={overview.loading && !data} error={overview.error} onRetry={overview.reload}>
          {data && (
            <>
              <Window data={data} />
              {data.totals.posts === 0 && <Alert type="info" showIcon title={t('overview.noData')} style={{ marginBottom: 16 }} />}
              <Figures data={data} />
            </>
          )}
        </PageState>
      </div>
    </PageFrame>
  );
}
