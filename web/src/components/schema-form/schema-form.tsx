// Form items drawn from a connector's JSON Schema (see schema-fields.ts). Place inside an antd <Form>; values sit
// under `namePrefix` (e.g. ['config']). Rarely-changed fields go under a collapsed "more settings".
import { Collapse, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n/locale-context.tsx';
import type { FieldSpec } from './schema-fields.ts';

function rulesFor(f: FieldSpec): Rule[] {
  const rules: Rule[] = [];
  if (f.required && f.kind !== 'object' && f.kind !== 'boolean') rules.push({ required: true });
  if (f.kind === 'url') rules.push({ type: 'url' });
  if (f.maxLength !== undefined) rules.push({ max: f.maxLength });
  if (f.pattern) rules.push({ pattern: new RegExp(f.pattern) });
  return rules;
}

function Control({ f }: { f: FieldSpec }) {
  switch (f.kind) {
    case 'integer':
    case 'number':
      return (
        <InputNumber
          min={f.min}
          max={f.max}
          precision={f.kind === 'integer' ? 0 : undefined}
          style={{ width: 200 }}
          placeholder={typeof f.defaultValue === 'number' ? String(f.defaultValue) : undefined}
        />
      );
    case 'boolean':
      return <Switch />;
    case 'enum':
      return (
        <Select
          allowClear
          options={(f.options ?? []).map((o) => ({ value: o, label: String(o) }))}
          style={{ maxWidth: 320 }}
        />
      );
    case 'string-list':
      return <Select mode="tags" tokenSeparators={[',', '，']} />;
    case 'text':
      return <Input.TextArea rows={3} />;
    case 'json':
      return <Input.TextArea rows={4} spellCheck={false} style={{ fontFamily: 'monospace' }} placeholder="{ }" />;
    case 'url':
      return <Input inputMode="url" placeholder="https://" />;
    case 'string':
    case 'object':
      return <Input placeholder={typeof f.defaultValue === 'string' ? f.defaultValue : undefined} />;
  }
}

function Field({ f, prefix }: { f: FieldSpec; prefix: string[] }) {
  const label = f.description ? `${f.label} · ${f.description}` : f.label;
  if (f.kind === 'object')
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>{label}</legend>
        {(f.children ?? []).map((c) => (
          <Field key={c.path.join('.')} f={c} prefix={prefix} />
        ))}
      </fieldset>
    );
  return (
    <Form.Item
      name={[...prefix, ...f.path]}
      label={label}
      rules={rulesFor(f)}
      valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
      initialValue={f.kind === 'boolean' && typeof f.defaultValue === 'boolean' ? f.defaultValue : undefined}
    >
      <Control f={f} />
    </Form.Item>
  );
}

export function SchemaFormItems({ fields, namePrefix }: { fields: FieldSpec[]; namePrefix: string[] }) {
  const { t } = useI18n();
  const main = fields.filter((f) => !f.advanced);
  const more = fields.filter((f) => f.advanced);
  return (
    <>
      {main.map((f) => (
        <Field key={f.path.join('.')} f={f} prefix={namePrefix} />
      ))}
      {more.length > 0 && (
        <Collapse
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'more',
              label: t('schema.more'),
              forceRender: true,
              children: more.map((f) => <Field key={f.path.join('.')} f={f} prefix={namePrefix} />),
            },
          ]}
        />
      )}
    </>
  );
}
