// Form items drawn from a connector's JSON Schema (see schema-fields.ts). Place inside an antd <Form>; values sit
// under `namePrefix` (e.g. ['config']). Rarely-changed fields go under a collapsed "more settings". Secret fields
// (hmac_secret, token…) are password inputs; one already stored says so and may be left empty to keep it.
import { Collapse, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n/locale-context.tsx';
import { SECRET_KEYS, type FieldSpec } from './schema-fields.ts';

function rulesFor(f: FieldSpec, secretSet: boolean): Rule[] {
  const rules: Rule[] = [];
  if (f.required && !secretSet && f.kind !== 'object' && f.kind !== 'boolean') rules.push({ required: true });
  if (f.kind === 'url') rules.push({ type: 'url' });
  if (f.maxLength !== undefined) rules.push({ max: f.maxLength });
  if (f.pattern) rules.push({ pattern: new RegExp(f.pattern) });
  return rules;
}

function Control({ f, secretSet }: { f: FieldSpec; secretSet: boolean }) {
  const { t } = useI18n();
  const secret = f.path.length === 1 && SECRET_KEYS.includes(f.path[0]!);
  if (secret && (f.kind === 'string' || f.kind === 'text'))
    return (
      <Input.Password
        autoComplete="new-password"
        placeholder={secretSet ? t('schema.secretSet') : undefined}
        data-testid={`secret-${f.path[0]}`}
      />
    );
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

function Field({ f, prefix, secrets }: { f: FieldSpec; prefix: string[]; secrets: ReadonlySet<string> }) {
  const secretSet = f.path.length === 1 && secrets.has(f.path[0]!);
  const { t } = useI18n();
  const label = f.description ? `${f.label} · ${f.description}` : f.label;
  if (f.kind === 'object')
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>{label}</legend>
        {(f.children ?? []).map((c) => (
          <Field key={c.path.join('.')} f={c} prefix={prefix} secrets={secrets} />
        ))}
      </fieldset>
    );
  return (
    <Form.Item
      name={[...prefix, ...f.path]}
      label={label}
      rules={rulesFor(f, secretSet)}
      extra={secretSet ? t('schema.secretSet') : undefined}
      valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
      initialValue={f.kind === 'boolean' && typeof f.defaultValue === 'boolean' ? f.defaultValue : undefined}
    >
      <Control f={f} secretSet={secretSet} />
    </Form.Item>
  );
}

export function SchemaFormItems({
  fields,
  namePrefix,
  secrets = new Set(),
}: {
  fields: FieldSpec[];
  namePrefix: string[];
  /** Top-level secret keys already stored: shown as 「已设置（留空则不变）」, not required, omitted when left empty. */
  secrets?: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const main = fields.filter((f) => !f.advanced);
  const more = fields.filter((f) => f.advanced);
  return (
    <>
      {main.map((f) => (
        <Field key={f.path.join('.')} f={f} prefix={namePrefix} secrets={secrets} />
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
              children: more.map((f) => <Field key={f.path.join('.')} f={f} prefix={namePrefix} secrets={secrets} />),
            },
          ]}
        />
      )}
    </>
  );
}
