// 方案: the list of monitoring plans beside the editor of the selected one (or a new one).
import { useState } from 'react';
import { Button, Card, Col, List, Row, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Plan } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { PageFrame } from '../page-frame.tsx';
import { PlanEditor } from './plan-editor.tsx';

export function PlansPage() {
  const { t } = useI18n();
  const { permissions } = useAuth();
  const r = useApi<{ plans: Plan[] }>('/api/plans');
  const [selected, setSelected] = useState<string | null>(null);
  const plans = r.data?.plans ?? [];
  const current =
    selected === 'new'
      ? null
      : (plans.find((p) => p.id === selected) ?? (selected === null ? plans[0] : undefined) ?? null);
  const editorKey = selected === 'new' ? 'new' : (current?.id ?? 'new');
  return (
    <PageFrame
      title={t('nav.plans')}
      description={t('plans.description')}
      extra={
        permissions.has('plans:manage') && (
          <Button icon={<PlusOutlined />} onClick={() => setSelected('new')} data-testid="plan-new">
            {t('plans.new')}
          </Button>
        )
      }
    >
      <PageState what={t('plans.load')} loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('plans.list')}>
              {plans.length === 0 ? (
                <Typography.Text type="secondary">{t('plans.empty')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={plans}
                  renderItem={(p) => (
                    <List.Item
                      key={p.id}
                      style={{
                        cursor: 'pointer',
                        background: p.id === current?.id && selected !== 'new' ? '#e6f4ff' : undefined,
                        paddingLeft: 8,
                      }}
                      onClick={() => setSelected(p.id)}
                    >
                      <div style={{ minWidth: 0 }}>
                        <Typography.Link onClick={() => setSelected(p.id)}>{p.name}</Typography.Link>{' '}
                        {!p.enabled && <Tag>{t('common.disabled')}</Tag>}
                        <div>
                          <Typography.Text type="secondary" ellipsis style={{ fontFamily: 'monospace', fontSize: 12 }}>
                            {p.expression}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card size="small" title={current && selected !== 'new' ? current.name : t('plans.new')}>
              <PlanEditor
                key={editorKey}
                plan={selected === 'new' ? null : current}
                onSaved={(p) => {
                  r.reload();
                  setSelected(p ? p.id : null);
                }}
              />
            </Card>
          </Col>
        </Row>
      </PageState>
    </PageFrame>
  );
}
