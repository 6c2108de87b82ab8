// Reads a connector's JSON Schema (draft 2020-12, as zod emits it) into form fields, and cleans the form's values
// back into a config object. Pure. Unknown shapes fall back to a JSON text field, so any schema can be edited.

export type JsonSchema = Record<string, unknown>;

export type FieldKind =
  'string' | 'url' | 'text' | 'integer' | 'number' | 'boolean' | 'enum' | 'string-list' | 'object' | 'json';

export interface FieldSpec {
  /** Path inside the config object. */
  path: string[];
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  options?: (string | number)[];
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  defaultValue?: unknown;
  /** Nested fields, for 'object'. */
  children?: FieldSpec[];
  advanced: boolean;
}

/** Fields every connector shares that rarely change: shown under "more settings". */
const ADVANCED = new Set([
  'internal',
  'ignore_robots',
  'timezone',
  'max_bytes',
  'rate_per_second',
  'concurrency',
  'timeout_ms',
  'max_items',
  'max_pages',
  'detail_concurrency',
  'max_page_fetches',
  'date_from_page',
]);
/** Fields the source form sets itself (name and kind are the source's own). */
export const OWN_FIELDS = new Set(['kind', 'name', 'description']);

function rec(v: unknown): JsonSchema | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonSchema) : null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function kindOf(s: JsonSchema): FieldKind {
  if (Array.isArray(s.enum) && s.enum.every((x) => typeof x === 'string' || typeof x === 'number')) return 'enum';
  switch (s.type) {
    case 'string':
      if (s.format === 'uri') return 'url';
      return typeof s.maxLength === 'number' && s.maxLength > 500 ? 'text' : 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return rec(s.items)?.type === 'string' ? 'string-list' : 'json';
    case 'object':
      return rec(s.properties) && !rec(s.additionalProperties) ? 'object' : 'json';
    default:
      return 'json';
  }
}

/** The fields of an object schema, in the schema's order; `skip` names top-level keys to leave out. */
export function schemaFields(
  schema: JsonSchema,
  path: string[] = [],
  skip: ReadonlySet<string> = OWN_FIELDS,
): FieldSpec[] {
  const props = rec(schema.properties) ?? {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((x): x is string => typeof x === 'string') : [],
  );
  const out: FieldSpec[] = [];
  for (const [key, raw] of Object.entries(props)) {
    if (path.length === 0 && skip.has(key)) continue;
    const s = rec(raw) ?? {};
    const kind = kindOf(s);
    const description = typeof s.description === 'string' ? s.description : undefined;
    out.push({
      path: [...path, key],
      kind,
      label: key,
      description,
      required: required.has(key),
      options: kind === 'enum' ? (s.enum as (string | number)[]) : undefined,
      min: num(s.minimum) ?? num(s.exclusiveMinimum),
      max: num(s.maximum),
      maxLength: num(s.maxLength),
      pattern: typeof s.pattern === 'string' ? s.pattern : undefined,
      defaultValue: s.default,
      children: kind === 'object' ? schemaFields(s, [...path, key], skip) : undefined,
      advanced: path.length === 0 && ADVANCED.has(key) && !required.has(key),
    });
  }
  return out;
}

/**
 * The config to send: drops empty strings, undefined and empty optional objects; parses JSON-field text (throws
 * a SyntaxError naming the field when it does not parse).
 */
export function cleanConfig(values: unknown, fields: FieldSpec[]): Record<string, unknown> {
  const v = rec(values) ?? {};
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const key = f.path[f.path.length - 1]!;
    const x = v[key];
    if (x === undefined || x === null || x === '') continue;
    if (f.kind === 'json') {
      if (typeof x !== 'string') out[key] = x;
      else if (x.trim() !== '') {
        try {
          out[key] = JSON.parse(x) as unknown;
        } catch {
          throw new SyntaxError(`${f.path.join('.')}: not valid JSON`);
        }
      }
    } else if (f.kind === 'object') {
      const inner = cleanConfig(x, f.children ?? []);
      if (Object.keys(inner).length > 0 || f.required) out[key] = inner;
    } else if (f.kind === 'string-list') {
      if (Array.isArray(x) && x.length > 0) out[key] = x;
    } else {
      const y = typeof x === 'string' ? x.trim() : x;
      if (y !== '') out[key] = y;
    }
  }
  return out;
}

/** Form values for an existing config: JSON fields become pretty text. */
export function configToValues(config: Record<string, unknown>, fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const key = f.path[f.path.length - 1]!;
    const x = config[key];
    if (x === undefined) continue;
    if (f.kind === 'json') out[key] = JSON.stringify(x, null, 2);
    else if (f.kind === 'object') out[key] = configToValues(rec(x) ?? {}, f.children ?? []);
    else out[key] = x;
  }
  return out;
}

/** Config keys the API never returns; it sends `<key>_set: true` instead, and keeps the stored value when omitted. */
export const SECRET_KEYS: readonly string[] = ['hmac_secret', 'token', 'password', 'api_key'];

/** The secret keys a stored config says are set (from its `<key>_set` flags). */
export function secretsSet(config: Record<string, unknown>): Set<string> {
  return new Set(SECRET_KEYS.filter((k) => config[`${k}_set`] === true));
}
