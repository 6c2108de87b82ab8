// Turns a case-action form's values into the POST /api/cases/:id/actions body: trims texts, drops empty optional
// fields, and writes times as ISO instants. Pure.
import type { CaseActionInput } from '../../../../src/cases/case-actions.ts';

export type ActionType = CaseActionInput['type'];

/** Values as the form holds them: strings, booleans, numbers, string arrays, or times (anything with toISOString). */
export type FormValues = Record<string, unknown>;

function isTime(v: unknown): v is { toISOString: () => string } {
  return typeof v === 'object' && v !== null && 'toISOString' in v && typeof v.toISOString === 'function';
}

export function actionBody(type: ActionType, values: FormValues): CaseActionInput {
  const out: Record<string, unknown> = { type };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') out[k] = s;
    } else if (isTime(v)) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out as CaseActionInput;
}
