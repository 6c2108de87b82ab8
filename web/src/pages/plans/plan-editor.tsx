// Editor for one plan: the expression with its syntax error marked in place as you type, places and units,
// enable switch, save/delete, and the live test with the 30-day backtest.
import { useState } from 'react';
import { App as AntdApp, Button, Form, Input, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { Plan } from '../../api/types.ts';
import { useUnits } from '../../api/ref-data.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { markError } from './mark-error.ts';
import { PlanBacktest } from './plan-backtest.tsx';
import { usePlanCheck } from './use-plan-check.ts';

interface PlanForm {
  name: string;
  expression: string;
  places: string[];
  units: string[];
  enabled: boolean;
}

function CheckLine({ expression }: { expression: string }) {
  const { t } = useI18n();
  const c = usePlanCheck(expression);
  if (c.checking) return <Typography.Text type="secondary">{t('plans.checking')}</Typography.Text>;
  if (c.error)
    return (
      <Typography.Text type="danger">
        {t('common.failed', { what: t('plans.checkFailed'), message: c.error.describe() })}
      </Typography.Text>
    );
  if (!c.result) return null;
  if (c.result.ok || !c.result.error)
    return (
      <Typography.Text type="success" data-testid="plan-check-ok">
        ✓ {t('plans.ok')}
      </Typography.Text>
    );
  const e = c.result.error;
  const m = markError(expression, e.column, e.length);
  return (
    <div role="alert" data-testid="plan-check-error">
      <pre
        style={{
          margin: '4px 0',
          padding: 8,
          background: '#fff2f0',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontSize: 14,
        }}
      >
        {m.before}
        <span
          data-testid="plan-error-mark"
          style={{ background: '#ffccc7', textDecoration: 'underline wavy #cf1322', padding: m.bad ? 0 : '0 4px' }}
        >
          {m.bad || ' '}
        </span>
        {m.after}
      </pre>
      <Typography.Text type="danger">{t('plans.error', { column: e.column, message: e.message })}</Typography.Text>
    </div>
  );
}

export function PlanEditor({ plan, onSaved }: { plan: Plan | null; onSaved: (p: Plan | null) => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const { permissions } = useAuth();
  const units = useUnits();
  const [form] = Form.useForm<PlanForm>();
  const expression = Form.useWatch('expression', form) ?? plan?.expression ?? '';
  const [busy, setBusy] = useState(false);
  const canManage = permissions.has('plans:manage');
  const save = async (v: PlanForm) => {
    setBusy(true);
    try {
      const body = { ...v, name: v.name.trim() };
      const saved = plan
        ? await api.put<Plan>(`/api/plans/${encodeURIComponent(plan.id)}`, body)
        : await api.post<Plan>('/api/plans', body);
      void message.success(t('plans.saved'));
      onSaved(saved);
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('plans.saveFailed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!plan) return;
    try {
      await api.delete(`/api/plans/${encodeURIComponent(plan.id)}`);
      void message.success(t('plans.deleted'));
      onSaved(null);
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('common.delete'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    }
  };
  return (
    <Form<PlanForm>
      form={form}
      layout="vertical"
      name="plan"
      disabled={!canManage}
      initialValues={
        plan
          ? {
              name: plan.name,
              expression: plan.expression,
              places: plan.places,
              units: plan.units,
              enabled: plan.enabled,
            }
          : { name: '', expression: '', places: [], units: [], enabled: true }
      }
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="name" label={t('plans.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="expression"
        label={t('plans.expression')}
        extra={t('plans.expressionHelp')}
        rules={[{ required: true, max: 5000 }]}
      >
        <Input.TextArea
          rows={4}
          spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 15 }}
          data-testid="plan-expression"
        />
      </Form.Item>
      <div style={{ marginTop: -12, marginBottom: 16, minHeight: 22 }} aria-live="polite">
        <CheckLine expression={expression} />
      </div>
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="places" label={t('plans.places')} style={{ minWidth: 240 }}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="units" label={t('plans.units')} style={{ minWidth: 240 }}>
          <Select mode="multiple" options={units.map((u) => ({ value: u.name, label: u.name }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('plans.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="plan-save">
          {t('common.save')}
        </Button>
        {plan && (
          <Popconfirm
            title={t('plans.deleteConfirm', { name: plan.name })}
            onConfirm={() => void remove()}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
          >
            <Button danger>{t('common.delete')}</Button>
          </Popconfirm>
        )}
      </Space>
      <PlanBacktest expression={expression} disabled={expression.trim() === ''} />
    </Form>
  );
}
