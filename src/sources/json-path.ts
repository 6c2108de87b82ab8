/** Dot paths into JSON (`data.list`, `items.0.title`, `user.name`) and `{path}` templates. */
import type { JsonValue } from './connector.ts';

/** The value at a dot path; '' or '.' is the value itself. Numeric segments index arrays. */
export function getPath(value: unknown, path: string): unknown {
  if (!path || path === '.' || path === '$') return value;
  let cur: unknown = value;
  for (const seg of path.replace(/^\$\.?/, '').split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (typeof cur === 'object')
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
    else return undefined;
  }
  return cur;
}

/** A scalar at a path as a string (numbers and booleans converted), or undefined. */
export function getString(value: unknown, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const v = getPath(value, path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function getNumber(value: unknown, path: string | undefined): number | undefined {
  if (!path) return undefined;
  const v = getPath(value, path);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(/,/g, '')) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Fills `{name}` placeholders (dot paths into `vars`), URI-encoding each value. Unknown names become ''. */
export function fillTemplate(template: string, vars: unknown): string {
  return template.replace(/\{([\w.$-]+)\}/g, (_, name: string) => {
    const v = getPath(vars, name);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? encodeURIComponent(String(v))
      : '';
  });
}

export function isJsonValue(v: unknown): v is JsonValue {
  return v === null || ['string', 'number', 'boolean', 'object'].includes(typeof v);
}
