import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanConfig, configToValues, schemaFields, secretsSet, type JsonSchema } from './schema-fields.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string', format: 'uri', description: '列表页地址' },
    timeout_ms: { type: 'integer', minimum: 1000, maximum: 120000 },
    internal: { type: 'boolean', default: false },
    mode: { enum: ['a', 'b'] },
    tags: { type: 'array', items: { type: 'string' } },
    list: {
      type: 'object',
      properties: { item: { type: 'string' }, next: { type: 'string' } },
      required: ['item'],
      additionalProperties: false,
    },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['url', 'list'],
};

describe('schemaFields', () => {
  it('maps JSON Schema types to fields, skipping the source’s own name and kind', () => {
    const f = schemaFields(schema);
    expect(f.map((x) => [x.path.join('.'), x.kind, x.required, x.advanced])).toEqual([
      ['url', 'url', true, false],
      ['timeout_ms', 'integer', false, true],
      ['internal', 'boolean', false, true],
      ['mode', 'enum', false, false],
      ['tags', 'string-list', false, false],
      ['list', 'object', true, false],
      ['headers', 'json', false, false],
    ]);
    expect(f[1]).toMatchObject({ min: 1000, max: 120000 });
    expect(f[5]?.children?.map((c) => [c.path.join('.'), c.required])).toEqual([
      ['list.item', true],
      ['list.next', false],
    ]);
  });
});

describe('cleanConfig', () => {
  const fields = schemaFields(schema);
  it('drops empties, parses JSON fields and keeps nested objects', () => {
    expect(
      cleanConfig(
        {
          url: ' https://x.cn/list ',
          timeout_ms: 5000,
          mode: '',
          tags: [],
          list: { item: 'li', next: '' },
          headers: '{"a":"b"}',
        },
        fields,
      ),
    ).toEqual({
      url: 'https://x.cn/list',
      timeout_ms: 5000,
      list: { item: 'li' },
      headers: { a: 'b' },
    });
  });
  it('names a JSON field that does not parse', () => {
    expect(() => cleanConfig({ headers: '{a:' }, fields)).toThrow('headers: not valid JSON');
  });
  it('property: a config survives configToValues then cleanConfig', () => {
    const config = fc.record(
      {
        url: fc.webUrl(),
        timeout_ms: fc.integer({ min: 1000, max: 120000 }),
        internal: fc.boolean(),
        tags: fc.array(
          fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ''),
          { minLength: 1, maxLength: 3 },
        ),
        list: fc.record({ item: fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== '') }),
        headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string()),
      },
      { requiredKeys: ['url', 'list'] },
    );
    fc.assert(
      fc.property(config, (c) => {
        expect(cleanConfig(configToValues(c, fields), fields)).toEqual(c);
      }),
    );
  });
});

describe('secret fields', () => {
  const fields = schemaFields({
    type: 'object',
    properties: { hmac_secret: { type: 'string' }, path: { type: 'string' } },
  });
  it('reads which stored secrets are set from the `<key>_set` flags', () => {
    expect([...secretsSet({ hmac_secret_set: true, token_set: false, path: 'x' })]).toEqual(['hmac_secret']);
  });
  it('omits a secret left empty or blank, so a PATCH keeps the stored one', () => {
    expect(cleanConfig({ hmac_secret: '   ', path: 'a' }, fields)).toEqual({ path: 'a' });
    expect(cleanConfig({ hmac_secret: 'k'.repeat(16) }, fields)).toEqual({ hmac_secret: 'k'.repeat(16) });
    expect(configToValues({ hmac_secret_set: true, path: 'a' }, fields)).toEqual({ path: 'a' });
  });
});
