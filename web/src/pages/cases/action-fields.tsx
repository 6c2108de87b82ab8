// The form fields of each case action, following the payload schemas in src/cases/case-actions.ts.
import { DatePicker, Form, Input, Radio, Select, Switch } from 'antd';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/locale-context.tsx';
import type { ActionType } from './action-body.ts';

const REPLY_CHANNELS = [
  'website',
  'message_board',
  'weibo',
  'wechat',
  'douyin',
  'news_release',
  'hotline',
  'phone',
  'in_person',
  'other',
] as const;
const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
const METHODS = ['phone', 'online', 'visit', 'sms', 'other'] as const;

export interface ActionFieldsProps {
  type: ActionType;
  units: Unit[];
  /** A liaison replies only for their own unit: the picker is fixed to it. */
  ownUnitId: string | null;
}

function Note({
  name = 'note',
  label,
  required = false,
  rows = 3,
  max = 2000,
}: {
  name?: string;
  label: string;
  required?: boolean;
  rows?: number;
  max?: number;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required, whitespace: true, max }]}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
}

export function ActionFields({ type, units, ownUnitId }: ActionFieldsProps) {
  const { t } = useI18n();
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const unitPicker = (name: string, label: string, multiple = false) => (
    <Form.Item name={name} label={label} rules={[{ required: !multiple }]}>
      <Select
        options={unitOptions}
        mode={multiple ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear={multiple}
      />
    </Form.Item>
  );
  const deadlines = (
    <>
      <Form.Item name="firstResponseDueAt" label={t('field.firstResponseDueAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="replyDueAt" label={t('field.replyDueAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
    </>
  );
  switch (type) {
    case 'assess':
      return (
        <>
          <Form.Item name="verified" label={t('field.verified')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="level" label={t('field.level')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`level.${l as 1}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('field.category')}
            rules={[{ required: true, whitespace: true, max: 50 }]}
          >
            <Input />
          </Form.Item>
          <Note label={t('field.note')} />
        </>
      );
    case 'instruct':
      return <Note name="text" label={t('field.instruction')} required rows={4} max={4000} />;
    case 'assign':
    case 'reassign':
      return (
        <>
          {unitPicker('leadUnitId', t('field.leadUnit'))}
          {unitPicker('coUnitIds', t('field.coUnits'), true)}
          {type === 'reassign' ? (
            <Note name="reason" label={t('field.reason')} required />
          ) : (
            <Note label={t('field.note')} />
          )}
          {deadlines}
        </>
      );
    case 'progress':
      return <Note label={t('field.text')} required rows={4} max={4000} />;
    case 'reply':
      return (
        <>
          <Form.Item name="channel" label={t('field.channel')} rules={[{ required: true }]}>
            <Select options={REPLY_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
          <Note name="text" label={t('field.replyText')} required rows={5} max={10_000} />
          <Form.Item name="publishedAt" label={t('field.publishedAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="url" label={t('field.url')} rules={[{ type: 'url', warningOnly: false }]}>
            <Input inputMode="url" />
          </Form.Item>
          <Form.Item name="replierUnitId" label={t('field.replierUnit')} rules={[{ required: true }]}>
            <Select options={unitOptions} disabled={ownUnitId !== null} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </>
      );
    case 'feedback':
      return (
        <>
          <Form.Item name="result" label={t('field.result')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="method" label={t('field.method')}>
            <Select options={METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
          </Form.Item>
          <Form.Item name="reopenTo" label={t('field.reopenTo')}>
            <Radio.Group
              options={(['in_progress', 'assigned'] as const).map((v) => ({ value: v, label: t(`reopen.${v}`) }))}
            />
          </Form.Item>
          <Note label={t('field.note')} />
        </>
      );
    case 'close':
      return <Note label={t('field.note')} />;
    case 'return':
      return <Note name="reason" label={t('field.reason')} required />;
    case 'reopen':
      return (
        <>
          <Note name="reason" label={t('field.reason')} required />
          <Form.Item name="to" label={t('field.to')}>
            <Radio.Group
              options={(['in_progress', 'assigned'] as const).map((v) => ({ value: v, label: t(`reopen.${v}`) }))}
            />
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="targetCaseId" label={t('field.targetCase')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Note label={t('field.note')} />
        </>
      );
  }
}
