// The actions the server allows this user on this case (`allowedActions`), each a button opening its form;
// submitting POSTs /api/cases/:id/actions and shows the updated case.
import { useState } from 'react';
import { App as AntdApp, Button, Form, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { CaseDetail, Unit } from '../../api/types.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { CASE_ACTION_TYPES } from '../../../../src/contracts/case-lists.ts';
import { ActionFields } from './action-fields.tsx';
import { actionBody, type ActionType, type FormValues } from './action-body.ts';

const KNOWN: readonly ActionType[] = CASE_ACTION_TYPES;

function initialValues(type: ActionType, c: CaseDetail, ownUnitId: string | null): FormValues {
  switch (type) {
    case 'assess':
      return { verified: true, level: c.level ?? undefined, category: c.category ?? undefined };
    case 'reply':
      return { publishedAt: dayjs(), replierUnitId: ownUnitId ?? c.leadUnitId ?? undefined };
    case 'feedback':
      return { method: 'phone', reopenTo: 'in_progress' };
    case 'reopen':
      return { to: 'in_progress' };
    case 'assign':
    case 'reassign':
      return { leadUnitId: c.leadUnitId ?? undefined, coUnitIds: c.coUnitIds };
    case 'close':
    case 'instruct':
    case 'merge':
    case 'progress':
    case 'return':
      return {};
  }
}

export function ActionPanel({
  c,
  units,
  onDone,
}: {
  c: CaseDetail;
  units: Unit[];
  onDone: (next: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = AntdApp.useApp();
  const [type, setType] = useState<ActionType | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const ownUnitId = user?.role === 'unit_liaison' ? user.unitId : null;
  const allowed = c.allowedActions.filter((a): a is ActionType => (KNOWN as readonly string[]).includes(a));
  const label = (a: ActionType) => t(`action.${a}` as MessageKey);

  const submit = async (values: FormValues) => {
    if (!type) return;
    setBusy(true);
    try {
      const next = await api.post<CaseDetail>(
        `/api/cases/${encodeURIComponent(c.id)}/actions`,
        actionBody(type, values),
      );
      void message.success(t('case.actionDone', { action: label(type) }));
      setType(null);
      onDone(next);
    } catch (e) {
      void message.error(
        t('common.failed', { what: label(type), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };

  if (allowed.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="case-no-actions">
        {t('case.noActions')}
      </Typography.Text>
    );
  return (
    <>
      <Space wrap data-testid="case-actions">
        {allowed.map((a) => (
          <Button
            key={a}
            type={a === allowed[0] ? 'primary' : 'default'}
            danger={a === 'return'}
            onClick={() => setType(a)}
            data-testid={`action-${a}`}
          >
            {label(a)}
          </Button>
        ))}
      </Space>
      <Modal
        open={type !== null}
        title={type ? `${label(type)} · ${c.number}` : ''}
        onCancel={() => setType(null)}
        onOk={() => form.submit()}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
        forceRender
      >
        {type && (
          <Form<FormValues>
            form={form}
            layout="vertical"
            name={`case-${type}`}
            initialValues={initialValues(type, c, ownUnitId)}
            onFinish={(v) => void submit(v)}
            preserve={false}
          >
            <ActionFields type={type} units={units} ownUnitId={ownUnitId} />
          </Form>
        )}
      </Modal>
    </>
  );
}
