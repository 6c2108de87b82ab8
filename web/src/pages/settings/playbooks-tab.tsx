// 预案: the office's playbooks (应急预案) with their steps; create, edit, switch off or delete (playbooks:manage).
// A playbook already activated on a case is kept as that case's record: it can be switched off, not deleted.
import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Playbook, PlaybookStep } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { useUnits } from '../../api/ref-data.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { PlaybookForm } from './playbook-form.tsx';

function StepList({ steps }: { steps: PlaybookStep[] }) {
  const { t } = useI18n();
  const units = useUnits();
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 24 }} data-testid="playbook-step-list">
      {steps.map((s, i) => (
        <li key={i}>
          <Typography.Text>{s.title}</Typography.Text>
          <Typography.Text type="secondary">
            {' — '}
            {[s.role ? t(`role.${s.role}`) : null, s.unitId ? unitName(s.unitId) : null].filter(Boolean).join(' / ') ||
              t('playbooks.step.anyone')}
            {' · '}
            {s.within
              ? t('playbooks.withinText', { amount: s.within.amount, unit: t(`playbooks.within.${s.within.unit}`) })
              : t('playbooks.step.noLimit')}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

export function PlaybooksTab() {
  const { t } = useI18n();
  const { permissions } = useAuth();
  const manage = permissions.has('playbooks:manage');
  const r = useApi<{ playbooks: Playbook[] }>('/api/playbooks');
  const { run } = useAction();
  const [open, setOpen] = useState<false | 'new' | Playbook>(false);
  const list = r.data?.playbooks ?? [];
  const remove = (p: Playbook) =>
    run(t('playbooks.delete'), async () => {
      try {
        await api.delete(`/api/playbooks/${encodeURIComponent(p.id)}`);
      } catch (e) {
        const d = e instanceof ApiError ? (e.details as { reason?: string; cases?: number } | undefined) : undefined;
        if (e instanceof ApiError && d?.reason === 'activated')
          throw new Error(`${e.code}: ${t('playbooks.inUse', { name: p.name, count: d.cases ?? 0 })}`);
        throw e;
      }
      r.reload();
      return t('playbooks.deleted', { name: p.name });
    });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('playbooks.hint')}</Typography.Text>
        {manage && (
          <Button type="primary" onClick={() => setOpen('new')} data-testid="playbook-new">
            {t('playbooks.add')}
          </Button>
        )}
      </Space>
      <PageState
        what={t('settings.loadFailed', { what: t('settings.playbooks') })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
      >
        <Table<Playbook>
          rowKey="id"
          size="small"
          data-testid="playbooks-table"
          dataSource={list}
          pagination={false}
          locale={{ emptyText: t('playbooks.empty') }}
          expandable={{ expandedRowRender: (p) => <StepList steps={p.steps} /> }}
          columns={[
            { title: t('playbooks.name'), dataIndex: 'name' },
            { title: t('playbooks.incidentType'), dataIndex: 'incidentType' },
            { title: t('playbooks.level'), key: 'level', render: (_, p) => t(`level.${p.level as 1 | 2 | 3 | 4}`) },
            {
              title: t('playbooks.steps'),
              key: 'steps',
              render: (_, p) => t('playbooks.stepCount', { count: p.steps.length }),
            },
            {
              title: t('playbooks.enabled'),
              key: 'enabled',
              render: (_, p) =>
                p.enabled ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>,
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, p: Playbook) => (
                      <Space>
                        <Button size="small" onClick={() => setOpen(p)} data-testid="playbook-edit">
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('playbooks.deleteConfirm', { name: p.name })}
                          onConfirm={() => void remove(p)}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                        >
                          <Button size="small" danger data-testid="playbook-delete">
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </PageState>
      <PlaybookForm
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          r.reload();
        }}
      />
    </div>
  );
}
