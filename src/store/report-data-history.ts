/**
 * One case transition (action + payload, as src/cases/state-machine.ts records it) as a line of a report's case
 * history: the report's action name, the unit concerned and a note carrying the texts (instruction, assignment,
 * reply channel/text/url, feedback…). Payload texts are untrusted; renderers escape them.
 */
import type { CaseHistoryRow } from '../reports/types.ts';
import { channelZh, levelOf } from './report-data-map.ts';

type Action = CaseHistoryRow['action'];

const ACTIONS: Record<string, Action> = {
  register: 'registered',
  assess: 'assessed',
  instruct: 'instructed',
  assign: 'assigned',
  reassign: 'assigned',
  progress: 'progress',
  reply: 'replied',
  feedback: 'feedback',
  close: 'closed',
  return: 'returned',
  reopen: 'reopened',
  merge: 'merged',
  playbook: 'playbook',
};

const SATISFACTION_ZH: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
const LEVEL_ZH: Record<string, string> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' };

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function historyEntry(
  action: string,
  payload: unknown,
  units: Map<string, string>,
): { action: Action; unit: string | null; note: string } | null {
  const a = ACTIONS[action];
  if (!a) return null;
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const unit = (id: unknown) => (typeof id === 'string' ? (units.get(id) ?? id) : null);
  const join = (...parts: Array<string | null>) => parts.filter((x): x is string => !!x).join('；');
  switch (action) {
    case 'assess': {
      const level = typeof p.level === 'number' ? levelOf(p.level) : null;
      const verified = p.verified === true ? '属实' : p.verified === false ? '不属实' : null;
      return {
        action: a,
        unit: null,
        note: join(verified, level ? (LEVEL_ZH[level] ?? null) : null, str(p.category), str(p.note)),
      };
    }
    case 'instruct':
      return { action: a, unit: null, note: str(p.text) ?? '' };
    case 'assign':
    case 'reassign': {
      const lead = unit(p.leadUnitId);
      const co = strs(p.coUnitIds).map((u) => unit(u) ?? u);
      return {
        action: a,
        unit: lead,
        note: join(
          lead ? `${action === 'reassign' ? '改派' : '交办'}${lead}` : null,
          co.length ? `协办：${co.join('、')}` : null,
          str(p.note),
          str(p.reason),
        ),
      };
    }
    case 'progress':
      return { action: a, unit: null, note: str(p.note) ?? '' };
    case 'reply': {
      const ch = str(p.channel);
      return {
        action: a,
        unit: unit(p.replierUnitId),
        note: join(ch ? `通过${channelZh(ch)}答复` : null, str(p.text), str(p.url)),
      };
    }
    case 'feedback': {
      const r = str(p.result);
      return { action: a, unit: null, note: join(r ? (SATISFACTION_ZH[r] ?? r) : null, str(p.note)) };
    }
    case 'close':
      return { action: a, unit: null, note: str(p.note) ?? '' };
    case 'return':
    case 'reopen':
      return { action: a, unit: null, note: str(p.reason) ?? '' };
    case 'merge':
      return { action: a, unit: null, note: join(str(p.note)) };
    default:
      return { action: a, unit: null, note: '' };
  }
}
