// Edits one unit of the gazetteer: name, kind (a place or a unit), parent and aliases. The analysis picks the change
// up for items collected afterwards.
import { useEffect } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import type { Unit, UpdateUnitBody } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

export const UNIT_KINDS: readonly Unit['kind'][] = ['county', 'town', 'village', 'bureau', 'office', 'other'];

interface EditValues {
  name: string;
  kind: Unit['kind'];
  parentId?: string;
  aliases: string[];
}

/** The unit and everything below it (it cannot become its own ancestor). */
function selfAndBelow(units: readonly Unit[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}

export function UnitEditModal(props: {
  unit: Unit | null;
  units: readonly Unit[];
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const { unit, units, onClose, onSaved } = props;
  const { t } = useI18n();
  const { busy, run } = useAction();
  const [form] = Form.useForm<EditValues>();
  useEffect(() => {
    if (unit)
      form.setFieldsValue({
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parentId ?? undefined,
        aliases: unit.aliases,
      });
  }, [unit, form]);
  const excluded = unit ? selfAndBelow(units, unit.id) : new Set<string>();
  const save = (v: EditValues) =>
    run(t('units.edit'), async () => {
      if (!unit) return;
      const body: UpdateUnitBody = {
        name: v.name.trim(),
        kind: v.kind,
        parentId: v.parentId ?? null,
        aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      };
      const saved = await api.patch<Unit>(`/api/units/${encodeURIComponent(unit.id)}`, body);
      onSaved(saved);
      return t('common.saved');
    });
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('units.editTitle', { name: unit.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      forceRender
    >
      <Form<EditValues> form={form} layout="vertical" name="edit-unit" onFinish={(v) => void save(v)}>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} extra={t('units.kindHint')}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.filter((u) => !excluded.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item
          name="aliases"
          label={t('units.aliases')}
          extra={<Typography.Text type="secondary">{t('units.aliasesHint')}</Typography.Text>}
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).every((a) => a.trim().length <= 100)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('units.aliasTooLong'))),
            },
          ]}
        >
          <Select
            mode="tags"
            aria-label={t('units.aliases')}
            data-testid="unit-aliases"
            tokenSeparators={[',', '，', '、']}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
