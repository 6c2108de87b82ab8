// Live test of an expression: POST /api/plans/test → matches over the last 30 days per day (bar chart) and sample
// posts with the hit terms highlighted.
import { useState } from 'react';
import { App as AntdApp, Button, List, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { PlanTestResponse } from '../../api/types.ts';
import { Chart } from '../../components/chart/chart.tsx';
import { Highlight } from '../../components/highlight.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { excerpt } from '../stream/post-item.tsx';

const DAYS = 30;

export function backtestOption(r: PlanTestResponse, name: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 12, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: r.perDay.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'bar', data: r.perDay.map((d) => d.count), itemStyle: { color: '#1677ff' } }],
  };
}

export function PlanBacktest({ expression, disabled }: { expression: string; disabled: boolean }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { message } = AntdApp.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PlanTestResponse | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      setResult(await api.post<PlanTestResponse>('/api/plans/test', { expression, days: DAYS, sample: 10 }));
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('plans.testFailed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="plan-backtest">
      <Button onClick={() => void run()} loading={busy} disabled={disabled} data-testid="plan-test">
        {busy ? t('plans.testing') : t('plans.test')}
      </Button>
      {result && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph strong data-testid="plan-matched">
            {t('plans.matched', { days: DAYS, matched: result.matched, scanned: result.scanned })}
          </Typography.Paragraph>
          <Chart
            option={backtestOption(result, t('plans.perDay'))}
            height={200}
            label={t('plans.perDay')}
            testId="chart-backtest"
          />
          <Typography.Title level={5}>{t('plans.samples')}</Typography.Title>
          <List
            size="small"
            dataSource={result.samples}
            renderItem={(s) => (
              <List.Item key={s.postId} style={{ display: 'block' }}>
                <div>
                  <Typography.Text strong>
                    <Highlight text={s.title ?? ''} terms={s.hits} />
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">{fmt(s.publishedAt)}</Typography.Text>
                </div>
                <Highlight text={excerpt(s.text, 160)} terms={s.hits} />
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}
