// 加强监测 switch: GET/PUT /api/alerts/heightened with an end time, polling interval and reason.
import { useEffect, useState } from 'react';
import { App as AntdApp, Button, Card, DatePicker, Input, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { HeightenedMode, SetHeightenedBody } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';

export function HeightenedCard() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { message } = AntdApp.useApp();
  const { permissions } = useAuth();
  const r = useApi<HeightenedMode>('/api/alerts/heightened');
  const [active, setActive] = useState(false);
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [interval, setIntervalS] = useState(300);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!r.data) return;
    setActive(r.data.active);
    setUntil(r.data.until ? dayjs(r.data.until) : null);
    setIntervalS(r.data.intervalSeconds || 300);
    setReason(r.data.reason ?? '');
  }, [r.data]);
  const canManage = permissions.has('alerts:ack');
  const apply = async () => {
    if (active && !until) {
      void message.warning(t('heightened.untilRequired'));
      return;
    }
    setBusy(true);
    const body: SetHeightenedBody = {
      active,
      intervalSeconds: interval,
      ...(active && until ? { until: until.toISOString() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    try {
      await api.put('/api/alerts/heightened', body);
      void message.success(t('heightened.saved'));
      r.reload();
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('heightened.failed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  const status = r.data?.active ? (
    <Tag color="red">{t('heightened.on', { until: fmt(r.data.until) })}</Tag>
  ) : (
    <Tag>{t('heightened.off')}</Tag>
  );
  return (
    <Card title={t('heightened.title')} extra={r.data && status} size="small" data-testid="heightened-card">
      <PageState what={t('heightened.load')} loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        <Typography.Paragraph type="secondary">{t('heightened.help')}</Typography.Paragraph>
        <Space wrap align="center">
          <Switch id="tf-heightened" checked={active} onChange={setActive} disabled={!canManage} />
          <label htmlFor="tf-heightened">{t('heightened.switch')}</label>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={until}
            onChange={setUntil}
            disabled={!canManage || !active}
            placeholder={t('heightened.until')}
            aria-label={t('heightened.until')}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            presets={[2, 6, 12, 24, 72].map((h) => ({
              label: h < 24 ? `${h}h` : `${h / 24}d`,
              value: dayjs().add(h, 'hour'),
            }))}
          />
          <label htmlFor="tf-heightened-interval">{t('heightened.interval')}</label>
          <InputNumber
            id="tf-heightened-interval"
            min={60}
            max={3600}
            step={60}
            value={interval}
            onChange={(v) => setIntervalS(v ?? 300)}
            disabled={!canManage}
          />
          <Input
            aria-label={t('heightened.reason')}
            placeholder={t('heightened.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={!canManage}
            maxLength={500}
            style={{ width: 220 }}
          />
          <Button type="primary" onClick={() => void apply()} loading={busy} disabled={!canManage}>
            {t('heightened.apply')}
          </Button>
        </Space>
      </PageState>
    </Card>
  );
}
