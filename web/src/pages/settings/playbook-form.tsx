// Creates or edits one playbook (应急预案): name, incident type, level, on/off, and its steps — what to do, which
// role and/or unit does it, and the time limit from activation (hours, days or working days).
import { useEffect } from 'react';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import type { Playbook, PlaybookBody, PlaybookStep, Role } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useUnits } from '../../api/ref-data.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

const ROLES: readonly Role[] = ['duty_officer', 'analyst', 'leader', 'unit_liaison', 'admin'];
const WITHIN_UNITS = ['hours', 'days', 'working_days'] as const;
type WithinUnit = (typeof WITHIN_UNITS)[number];

interface StepValues {
  title: string;
  role?: Role;
  unitId?: string;
  amount?: number | null;
  unit?: WithinUnit;
}
interface Values {
  name: string;
  incidentType: string;
  level: number;
  enabled: boolean;
  steps: StepValues[];
}

const NEW_STEP: StepValues = { title: '', unit: 'hours' };
const STEP_ITEM = { marginBottom: 8 };

function toValues(p: Playbook | null): Values {
  if (!p) return { name: '', incidentType: '', level: 3, enabled: true, steps: [{ ...NEW_STEP }] };
  return {
    name: p.name,
    incidentType: p.incidentType,
    level: p.level,
    enabled: p.enabled,
    steps: p.steps.map((s) => ({
      title: s.title,
      role: s.role,
      unitId: s.unitId,
      amount: s.within?.amount ?? null,
      unit: s.within?.unit ?? 'hours',
    })),
  };
}

function toBody(v: Values): PlaybookBody {
  return {
    name: v.name.trim(),
    incidentType: v.incidentType.trim(),
    level: v.level,
    enabled: v.enabled,
    steps: v.steps.map((s): PlaybookStep => {
      const step: PlaybookStep = { title: s.title.trim() };
      if (s.role) step.role = s.role;
      if (s.unitId) step.unitId = s.unitId;
      if (s.amount) step.within = { amount: s.amount, unit: s.unit ?? 'hours' };
      return step;
    }),
  };
}

/** `open` is false (closed), 'new', or the playbook being edited. */
export function PlaybookForm(props: { open: false | 'new' | Playbook; onClose: () => void; onSaved: () => void }) {
  const { open, onClose, onSaved } = props;
  const { t } = useI18n();
  const units = useUnits();
  const { busy, run } = useAction();
  const [form] = Form.useForm<Values>();
  const editing = open && open !== 'new' ? open : null;
  useEffect(() => {
    if (open) form.setFieldsValue(toValues(editing));
  }, [open, editing, form]);
  const save = (v: Values) =>
    run(editing ? t('playbooks.edit') : t('playbooks.add'), async () => {
      const body = toBody(v);
      if (editing) await api.put<Playbook>(`/api/playbooks/${encodeURIComponent(editing.id)}`, body);
      else await api.post<Playbook>('/api/playbooks', body);
      onSaved();
      return t('common.saved');
    });
  return (
    <Modal
      open={open !== false}
      title={editing ? t('playbooks.editTitle', { name: editing.name }) : t('playbooks.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={880}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="playbook" onFinish={(v) => void save(v)}>
        <Space wrap align="start">
          <Form.Item name="name" label={t('playbooks.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="incidentType"
            label={t('playbooks.incidentType')}
            rules={[{ required: true, whitespace: true, max: 50 }]}
          >
            <Input style={{ width: 160 }} placeholder={t('playbooks.incidentTypePlaceholder')} />
          </Form.Item>
          <Form.Item name="level" label={t('playbooks.level')} rules={[{ required: true }]}>
            <Select
              style={{ width: 150 }}
              options={([1, 2, 3, 4] as const).map((n) => ({ value: n, label: t(`level.${n}`) }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('playbooks.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('playbooks.steps')}
        </Typography.Title>
        <Form.List
          name="steps"
          rules={[
            {
              validator: (_, steps: StepValues[] | undefined) =>
                steps && steps.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('playbooks.needStep'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ display: 'grid', gap: 4, marginTop: 8 }} data-testid="playbook-steps">
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" data-testid="playbook-step">
                  <Typography.Text style={{ display: 'inline-block', width: 24, paddingTop: 5 }}>
                    {i + 1}.
                  </Typography.Text>
                  <Form.Item
                    style={STEP_ITEM}
                    name={[f.name, 'title']}
                    rules={[{ required: true, whitespace: true, max: 300, message: t('playbooks.step.titleRequired') }]}
                  >
                    <Input
                      style={{ width: 220 }}
                      placeholder={t('playbooks.step.title')}
                      aria-label={t('playbooks.step.titleN', { n: i + 1 })}
                    />
                  </Form.Item>
                  <Form.Item style={STEP_ITEM} name={[f.name, 'role']}>
                    <Select
                      allowClear
                      style={{ width: 130 }}
                      placeholder={t('playbooks.step.role')}
                      aria-label={t('playbooks.step.roleN', { n: i + 1 })}
                      options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item style={STEP_ITEM} name={[f.name, 'unitId']}>
                    <Select
                      allowClear
                      style={{ width: 150 }}
                      placeholder={t('playbooks.step.unit')}
                      aria-label={t('playbooks.step.unitN', { n: i + 1 })}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={units.map((u) => ({ value: u.id, label: u.name }))}
                    />
                  </Form.Item>
                  <Form.Item style={STEP_ITEM} name={[f.name, 'amount']}>
                    <InputNumber
                      min={1}
                      max={10000}
                      precision={0}
                      style={{ width: 80 }}
                      placeholder={t('playbooks.step.within')}
                      aria-label={t('playbooks.step.withinN', { n: i + 1 })}
                    />
                  </Form.Item>
                  <Form.Item style={STEP_ITEM} name={[f.name, 'unit']}>
                    <Select
                      style={{ width: 100 }}
                      options={WITHIN_UNITS.map((u) => ({ value: u, label: t(`playbooks.within.${u}`) }))}
                    />
                  </Form.Item>
                  <Button
                    onClick={() => remove(f.name)}
                    disabled={fields.length <= 1}
                    aria-label={t('playbooks.step.remove')}
                  >
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" onClick={() => add({ ...NEW_STEP })} data-testid="playbook-add-step">
                {t('playbooks.step.add')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
