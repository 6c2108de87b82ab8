/**
 * Email over SMTP (nodemailer). Plain-text and HTML parts; every piece of alert text is HTML-escaped, links are
 * limited to http(s) and the subject is one line. SMTP 4xx and connection failures are retried, 5xx and
 * authentication failures are not; a recipient the server rejects makes the delivery a failure.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { AlertMessage, Channel, DeliveryResult, SendOptions } from './channel.ts';
import { displayTime, escapeHtml, LEVEL_COLORS, oneLine, renderPlainText, safeUrl, subjectLine } from './format.ts';
import { withRetries, type AttemptOutcome } from './retry.ts';

const email = z.email().max(320);

export const EmailConfigSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(465),
  /** Implicit TLS (port 465). With false, STARTTLS is used when the server offers it. */
  secure: z.boolean().default(true),
  requireTLS: z.boolean().default(false),
  rejectUnauthorized: z.boolean().default(true),
  user: z.string().max(320).optional(),
  password: z.string().max(500).optional(),
  from: email,
  to: z.array(email).min(1).max(100),
  subjectPrefix: z.string().max(40).default('[听风]'),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;

export function emailHtml(message: AlertMessage): string {
  const rows = (message.fields ?? [])
    .map((f) => `<tr><th align="left">${escapeHtml(oneLine(f.label, 40))}</th><td>${escapeHtml(oneLine(f.value, 500))}</td></tr>`)
    .join('');
  const paragraphs = message.text
    .trim()
    .split(/\r?\n/)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
  const url = safeUrl(message.url);
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>',
    `<h2 style="color:${LEVEL_COLORS[message.level]}">${escapeHtml(subjectLine(message))}</h2>`,
    paragraphs,
    rows ? `<table>${rows}</table>` : '',
    `<p>时间：${escapeHtml(displayTime(message))}</p>`,
    url ? `<p><a href="${escapeHtml(url)}">查看详情</a></p>` : '',
    message.officeName ? `<p>—— ${escapeHtml(oneLine(message.officeName, 80))}</p>` : '',
    '</body></html>',
  ].join('');
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function smtpFailure(err: unknown): AttemptOutcome {
  const e = (err && typeof err === 'object' ? err : {}) as SmtpError;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const auth = e.code === 'EAUTH';
  const retryable = !auth && (responseCode === undefined ? e.code !== 'EENVELOPE' : responseCode < 500);
  return {
    ok: false,
    vendorCode: responseCode ?? e.code,
    response: e.response ? oneLine(e.response, 500) : undefined,
    error: {
      code: auth ? 'TF_ERR_CHANNEL_CONFIG' : 'TF_ERR_CHANNEL_SMTP',
      message: auth ? 'SMTP authentication failed: check user and password' : `SMTP: ${oneLine(e.message ?? String(err), 300)}`,
      retryable,
    },
  };
}

export const emailChannel: Channel<EmailConfig> = {
  kind: 'email',
  configSchema: EmailConfigSchema,
  secretFields: ['password'],
  async send(message: AlertMessage, config: EmailConfig, options?: SendOptions): Promise<DeliveryResult> {
    const timeout = options?.timeoutMs ?? 15_000;
    const now = options?.now ?? (() => new Date());
    const mail = {
      from: config.from,
      to: config.to,
      subject: oneLine(`${config.subjectPrefix} ${subjectLine(message)}`, 200),
      text: renderPlainText(message),
      html: emailHtml(message),
      headers: { 'X-Tingfeng-Alert-Id': oneLine(message.alertId, 100) },
      textEncoding: 'base64' as const,
    };
    return withRetries('email', options, async () => {
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        requireTLS: config.requireTLS,
        tls: { rejectUnauthorized: config.rejectUnauthorized },
        auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      try {
        const info = await transport.sendMail(mail);
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0) {
          return {
            ok: false,
            providerId: info.messageId,
            response: oneLine(String(info.response ?? ''), 500),
            error: { code: 'TF_ERR_CHANNEL_SMTP', message: `the server rejected: ${rejected.join(', ')}`, retryable: false },
          };
        }
        return { ok: true, providerId: info.messageId, response: oneLine(String(info.response ?? ''), 500), deliveredAt: now().toISOString() };
      } catch (err) {
        return smtpFailure(err);
      } finally {
        transport.close();
      }
    });
  },
};
