// One case (台账事项): facts, deadlines as countdowns, the actions the current role may take, and the full history.
import { useState } from 'react';
import { Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { CaseDetail } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useUnits } from '../../api/ref-data.ts';
import { Deadline } from '../../components/deadline.tsx';
import { LevelTag } from '../../components/level-tag.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { PageFrame } from '../page-frame.tsx';
import { ActionPanel } from './action-panel.tsx';
import { CaseHistory } from './case-history.tsx';
import { StatusTag } from './status-tag.tsx';

function Facts({ c, unitName }: { c: CaseDetail; unitName: (id: string | null) => string }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  return (
    <Descriptions
      size="small"
      bordered
      styles={{ label: { whiteSpace: 'nowrap' } }}
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'status', label: t('cases.status'), children: <StatusTag status={c.status} /> },
        { key: 'level', label: t('cases.level'), children: <LevelTag level={c.level} /> },
        {
          key: 'first',
          label: t('cases.firstDue'),
          children: <Deadline due={c.firstResponseDueAt} doneAt={c.firstResponseAt} />,
        },
        { key: 'reply', label: t('cases.replyDue'), children: <Deadline due={c.replyDueAt} doneAt={c.repliedAt} /> },
        { key: 'lead', label: t('cases.leadUnit'), children: unitName(c.leadUnitId) || '—' },
        { key: 'co', label: t('case.coUnits'), children: c.coUnitIds.map(unitName).join('、') || '—' },
        { key: 'category', label: t('case.category'), children: c.category ?? '—' },
        {
          key: 'origin',
          label: t('case.origin'),
          children: (t(`origin.${c.origin}` as MessageKey) as string | undefined) ?? c.origin,
        },
        { key: 'created', label: t('cases.created'), children: fmt(c.createdAt) },
        {
          key: 'sat',
          label: t('case.satisfaction'),
          children: c.satisfaction ? t(`satisfaction.${c.satisfaction}` as MessageKey) : '—',
        },
        {
          key: 'places',
          label: t('case.places'),
          children: c.places.length ? (
            <Space size={[4, 4]} wrap>
              {c.places.map((p) => (
                <Tag key={p}>{p}</Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
        },
        {
          key: 'event',
          label: t('case.event'),
          children: c.eventId ? <Link to={`/events/${encodeURIComponent(c.eventId)}`}>{c.eventId}</Link> : '—',
        },
        {
          key: 'posts',
          label: t('case.posts'),
          span: 2,
          children: c.postIds.length ? (
            <Space size={[8, 4]} wrap>
              {c.postIds.slice(0, 20).map((p) => (
                <Link key={p} to={`/stream?post=${encodeURIComponent(p)}`}>
                  {p}
                </Link>
              ))}
            </Space>
          ) : (
            '—'
          ),
        },
        {
          key: 'summary',
          label: t('case.summary'),
          span: 2,
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.summary || '—'}
            </Typography.Paragraph>
          ),
        },
        ...(c.closedAt
          ? [{ key: 'closed', label: t('status.closed'), children: t('case.closedAt', { time: fmt(c.closedAt) }) }]
          : []),
        ...(c.mergedInto
          ? [
              {
                key: 'merged',
                label: t('status.merged'),
                children: (
                  <Link to={`/cases/${encodeURIComponent(c.mergedInto)}`}>
                    {t('case.mergedInto', { id: c.mergedInto })}
                  </Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function CasePage() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { id = '' } = useParams();
  const r = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  const units = useUnits();
  const [updated, setUpdated] = useState<CaseDetail>();
  const c = updated?.id === id ? updated : r.data;
  const unitName = (u: string | null) => (u ? (units.find((x) => x.id === u)?.name ?? u) : '');
  return (
    <PageFrame title={c ? `${c.number} · ${c.title}` : t('nav.cases')} description={t('case.description')}>
      <PageState what={t('case.load')} loading={r.loading && !c} error={c ? undefined : r.error} onRetry={r.reload}>
        {c && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <div style={{ display: 'grid', gap: 16 }}>
                <Card size="small" title={t('case.actions')}>
                  <ActionPanel c={c} units={units} onDone={setUpdated} />
                </Card>
                <Facts c={c} unitName={unitName} />
                {c.tasks.length > 0 && (
                  <Card size="small" title={t('case.tasks')}>
                    <List
                      size="small"
                      dataSource={c.tasks}
                      renderItem={(k) => (
                        <List.Item key={k.id} extra={<Deadline due={k.dueAt} doneAt={k.doneAt} />}>
                          {k.step}. {k.title} {k.unitId ? `· ${unitName(k.unitId)}` : ''}{' '}
                          {k.doneAt ? `· ${fmt(k.doneAt)}` : ''}
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
              </div>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('case.history')}>
                <CaseHistory transitions={c.transitions} units={units} />
              </Card>
            </Col>
          </Row>
        )}
      </PageState>
    </PageFrame>
  );
}
