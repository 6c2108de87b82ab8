// The overview's content, shared by the page and the wall screen: headline figures, charts and lists.
import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Statistic } from 'antd';
import type { Overview } from '../../api/types.ts';
import { Chart } from '../../components/chart/chart.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { formatFigure, overviewFigures, postsChange } from './overview-figures.ts';
import { placesOption, sourcesOption, volumeOption, wordCloudOption, type ChartText } from './overview-charts.ts';
import { LatestAlertsList, TopEventsList } from './overview-lists.tsx';

function Figures({ data, wall }: { data: Overview; wall: boolean }) {
  const { t, locale } = useI18n();
  const change = postsChange(data);
  return (
    <Row gutter={[16, 16]}>
      {overviewFigures(data).map((fig) => (
        <Col key={fig.key} xs={12} md={8} xl={wall ? 3 : 6}>
          <Card data-testid={`figure-${fig.key}`} size={wall ? 'small' : 'default'}>
            <Statistic
              title={t(fig.label)}
              value={formatFigure(fig.value, fig.unit, locale)}
              styles={{ content: { ...(fig.alarm ? { color: '#ff4d4f' } : {}), ...(wall ? { fontSize: 40 } : {}) } }}
              suffix={
                fig.key === 'posts' && change !== null && !wall ? (
                  <small>{t('overview.change', { change: formatFigure(change, 'percent', locale) })}</small>
                ) : undefined
              }
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card title={title} data-testid={testId} styles={{ body: { padding: 12 } }} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

export function OverviewBoard({ data, wall = false }: { data: Overview; wall?: boolean }) {
  const { t } = useI18n();
  const text: ChartText = {
    sentiment: {
      negative: t('sentiment.negative'),
      neutral: t('sentiment.neutral'),
      positive: t('sentiment.positive'),
    },
    gap: (name) => t('overview.gap', { name }),
    negative: t('overview.placesNegative'),
    count: t('overview.posts'),
  };
  const h = wall ? 300 : 280;
  const empty = <Empty description={t('state.empty')} />;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {data.totals.posts === 0 && <Alert type="info" showIcon title={t('overview.noData')} />}
      {data.gaps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('overview.gapsNote', { count: data.gaps.length })}
          data-testid="gaps-note"
        />
      )}
      <Figures data={data} wall={wall} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title={t('overview.volume')} testId="panel-volume">
            {data.series.length > 0 ? (
              <Chart
                option={volumeOption(data, text)}
                height={h}
                dark={wall}
                label={t('overview.volumeLabel')}
                testId="chart-volume"
              />
            ) : (
              empty
            )}
          </Panel>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Panel title={t('overview.sources')} testId="panel-sources">
            {data.sources.length > 0 ? (
              <Chart
                option={sourcesOption(data)}
                height={h}
                dark={wall}
                label={t('overview.sources')}
                testId="chart-sources"
              />
            ) : (
              empty
            )}
          </Panel>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Panel title={t('overview.latestAlerts')} testId="panel-alerts">
            <LatestAlertsList data={data} />
          </Panel>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Panel title={t('overview.topEvents')} testId="panel-events">
            <TopEventsList data={data} />
          </Panel>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Panel title={t('overview.keywords')} testId="panel-keywords">
            {data.keywords.length > 0 ? (
              <Chart
                option={wordCloudOption(data, wall)}
                height={h}
                dark={wall}
                label={t('overview.keywords')}
                testId="chart-keywords"
              />
            ) : (
              empty
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Panel title={t('overview.places')} testId="panel-places">
            {data.places.length > 0 ? (
              <Chart
                option={placesOption(data, text)}
                height={h}
                dark={wall}
                label={t('overview.places')}
                testId="chart-places"
              />
            ) : (
              empty
            )}
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
