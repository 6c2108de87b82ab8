/**
 * Channel settings at rest: the public part as JSON, the secret fields (webhook URLs with keys, signing secrets,
 * SMTP passwords) sealed with the secret box, bound to the channel id. `redact` removes secret values from any
 * text (vendor answers, error messages) before it is stored or shown.
 */
import { CHANNEL_KINDS, channelFor, type AlertMessage, type ChannelKind } from '../alerts/channels/index.ts';
import { joinSecrets, splitSecrets, type SecretBox } from '../alerts/secret-box.ts';
import type { ChannelsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';

export const isVendorKind = (kind: string): kind is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(kind);

export function secretFieldsOf(kind: string): readonly string[] {
  return isVendorKind(kind) ? channelFor(kind).secretFields : [];
}

/** The full settings of a stored channel (public + opened secrets). */
export function openChannelConfig(row: ChannelsTable, box: SecretBox): Record<string, unknown> {
  return joinSecrets(parseJson<Record<string, unknown>>(row.config, {}), row.secret_enc, box, row.id);
}

export function sealChannelConfig(
  id: string,
  kind: string,
  config: Record<string, unknown>,
  box: SecretBox,
): { config: string; secret_enc: string | null } {
  const { publicConfig, sealed } = splitSecrets(config, secretFieldsOf(kind), box, id);
  return { config: JSON.stringify(publicConfig), secret_enc: sealed };
}

/** The secret strings of a config (for redaction). */
export function secretValues(kind: string, config: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of secretFieldsOf(kind)) {
    const v = config[f];
    if (typeof v !== 'string' || v.length < 4) continue;
    out.push(v);
    // A webhook URL's query (access_token=…, key=…) is secret on its own too.
    try {
      const u = new URL(v);
      for (const q of u.searchParams.values()) if (q.length >= 4) out.push(q);
      const last = u.pathname.split('/').pop() ?? '';
      if (last.length >= 8) out.push(last); // Feishu: …/hook/<token>
    } catch {
      /* not a URL */
    }
  }
  return out.sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

export interface MessageContext {
  timezone: string;
  officeName: string;
  /** The desk's address, for links in messages (optional). */
  publicUrl?: string;
}

const LEVEL_ZH = ['', 'Ⅰ级（红色）', 'Ⅱ级（橙色）', 'Ⅲ级（黄色）', 'Ⅳ级（蓝色）'];

export function alertMessage(
  a: {
    id: string;
    level: number;
    title: string;
    body: string;
    created_at: number;
    escalation_step: number;
    event_id: string | null;
  },
  ctx: MessageContext,
  test = false,
): AlertMessage {
  const level = Math.min(4, Math.max(1, a.level)) as 1 | 2 | 3 | 4;
  const fields = [{ label: '级别', value: LEVEL_ZH[level]! }];
  if (a.escalation_step > 0) fields.push({ label: '升级', value: `无人确认，第 ${a.escalation_step} 次升级` });
  if (test) fields.push({ label: '说明', value: '这是一条测试消息' });
  return {
    alertId: a.id,
    level,
    title: a.title,
    text: a.body,
    at: new Date(Number(a.created_at)).toISOString(),
    fields,
    timeZone: ctx.timezone,
    officeName: ctx.officeName,
    ...(ctx.publicUrl ? { url: `${ctx.publicUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(a.id)}` } : {}),
  };
}
