// 办理记录: every transition of the case with who, when, and what was written (instruction, reply, feedback…),
// shown as text.
import { Tag, Timeline, Typography } from 'antd';
import type { CaseTransition, Unit } from '../../api/types.ts';
import { SafeLink } from '../../components/safe-link.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useOfficeTime } from '../../format/use-office-time.ts';

type Payload = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function Details({ p, units }: { p: Payload; units: Map<string, string> }) {
  const { t, locale } = useI18n();
  const { fmt } = useOfficeTime();
  const unit = (id: unknown) => (typeof id === 'string' ? (units.get(id) ?? id) : '');
  const has = (k: MessageKey, prefix: string, v: unknown) => {
    const s = str(v);
    return s ? `${t(k)}: ${(t(`${prefix}.${s}` as MessageKey) as string | undefined) ?? s}` : null;
  };
  const lines: (string | null)[] = [
    typeof p.verified === 'boolean' ? `${t('field.verified')}: ${p.verified ? t('common.yes') : t('common.no')}` : null,
    typeof p.level === 'number' ? `${t('field.level')}: ${t(`level.${p.level as 1}`)}` : null,
    str(p.category) && `${t('field.category')}: ${str(p.category)}`,
    str(p.leadUnitId) && `${t('field.leadUnit')}: ${unit(p.leadUnitId)}`,
    Array.isArray(p.coUnitIds) && p.coUnitIds.length > 0
      ? `${t('field.coUnits')}: ${p.coUnitIds.map(unit).join(locale === 'zh-CN' ? '、' : ', ')}`
      : null,
    has('field.channel', 'channel', p.channel),
    str(p.replierUnitId) && `${t('field.replierUnit')}: ${unit(p.replierUnitId)}`,
    str(p.publishedAt) && `${t('field.publishedAt')}: ${fmt(str(p.publishedAt))}`,
    has('field.result', 'satisfaction', p.result),
    str(p.replyDueAt) && `${t('field.replyDueAt')}: ${fmt(str(p.replyDueAt))}`,
  ];
  const body = str(p.text) ?? str(p.reason) ?? str(p.note);
  return (
    <div>
      {lines.filter(Boolean).map((l, i) => (
        <div key={i}>
          <Typography.Text type="secondary">{l}</Typography.Text>
        </div>
      ))}
      {body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{body}</Typography.Paragraph>
      )}
      {str(p.url) && <SafeLink url={str(p.url)} />}
    </div>
  );
}

export function CaseHistory({ transitions, units }: { transitions: CaseTransition[]; units: Unit[] }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const st = (s: string | null) => (s ? ((t(`status.${s}` as MessageKey) as string | undefined) ?? s) : '');
  return (
    <Timeline
      data-testid="case-history"
      items={transitions.map((x) => ({
        key: x.seq,
        content: (
          <div data-testid="case-transition" data-action={x.action}>
            <Typography.Text strong>
              {(t(`action.${x.action}` as MessageKey) as string | undefined) ?? x.action}
            </Typography.Text>{' '}
            <Tag>{x.from ? `${st(x.from)} → ${st(x.to)}` : st(x.to)}</Tag>
            <Typography.Text type="secondary">
              {fmt(x.at)} ·{' '}
              <span data-testid="case-actor">
                {x.actorName ?? (t(`role.${x.actorRole}` as MessageKey) as string | undefined) ?? x.actorRole}
              </span>
            </Typography.Text>
            {x.payload !== null && typeof x.payload === 'object' && <Details p={x.payload as Payload} units={names} />}
          </div>
        ),
      }))}
    />
  );
}
