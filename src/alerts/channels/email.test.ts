import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from './channel.ts';
import { emailChannel, EmailConfigSchema } from './email.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

let server: SMTPServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function startSmtp(opts: { rejectRcpt?: string; failFirst?: number } = {}): Promise<{ port: number; mails: Received[] }> {
  const mails: Received[] = [];
  let failures = opts.failFirst ?? 0;
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'desk' && auth.password === 'pa55') cb(null, { user: 'desk' });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address === opts.rejectRcpt) {
        const err = new Error('no such mailbox') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          cb(err);
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails };
}

/** Minimal MIME reading for the test: unfolded headers, encoded-word subject, base64 parts by content type. */
function decodeWords(s: string): string {
  return s.replace(/\r?\n[ \t]/g, ' ').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? decodeWords(m[1]!.trim()) : '';
}
function part(raw: string, type: string): string {
  const m = new RegExp(`Content-Type: ${type}[^]*?\\r?\\n\\r?\\n([A-Za-z0-9+/=\\r\\n]+)`, 'i').exec(raw);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64').toString('utf8') : '';
}

const hostileTitle = '<img src=x onerror=alert(1)>网友称"某局"不作为 & <b>围观</b>\r\nBcc: victim@example.com';
const message: AlertMessage = {
  alertId: 'al-42',
  level: 1,
  title: hostileTitle,
  text: '事件热度快速上升。\n<script>document.cookie</script>',
  url: 'https://desk.example.gov.cn/alerts/al-42?a=1&b=2',
  at: '2025-10-01T02:05:00.000Z',
  fields: [{ label: '涉及单位', value: '县<住建局>' }],
  officeName: '某县委网信办',
};

describe('email channel (SMTP)', () => {
  it('delivers text and HTML with the hostile title escaped, over authenticated SMTP', async () => {
    const { port, mails } = await startSmtp();
    const config = EmailConfigSchema.parse({
      host: '127.0.0.1',
      port,
      secure: false,
      user: 'desk',
      password: 'pa55',
      from: 'desk@county.example.gov.cn',
      to: ['duty@county.example.gov.cn', 'leader@county.example.gov.cn'],
    });
    const r = await emailChannel.send(message, config, { retry: { maxAttempts: 1 } });
    expect(r).toMatchObject({ ok: true, channel: 'email', attempts: 1 });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.user).toBe('desk');
    expect(mail.from).toBe('desk@county.example.gov.cn');
    expect(mail.to).toEqual(['duty@county.example.gov.cn', 'leader@county.example.gov.cn']);
    const subject = header(mail.raw, 'Subject');
    expect(subject).toContain('[听风] 【Ⅰ级（红色）预警】');
    expect(subject).toContain('网友称"某局"不作为');
    expect(header(mail.raw, 'Bcc')).toBe(''); // no header injection through the title
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(header(mail.raw, 'X-Tingfeng-Alert-Id')).toBe('al-42');
    const html = part(mail.raw, 'text/html');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;围观&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;document.cookie&lt;/script&gt;');
    expect(html).toContain('县&lt;住建局&gt;');
    expect(html).toContain('href="https://desk.example.gov.cn/alerts/al-42?a=1&amp;b=2"');
    expect(html).toContain('2025-10-01 10:05'); // shown in Beijing time
    expect(html).not.toMatch(/<img|<script|<b>/);
    const text = part(mail.raw, 'text/plain');
    expect(text).toContain('事件热度快速上升。');
    expect(text).toContain('涉及单位：县<住建局>');
  });

  it('retries a temporary 451 and then delivers', async () => {
    const { port, mails } = await startSmtp({ failFirst: 1 });
    const config = EmailConfigSchema.parse({ host: '127.0.0.1', port, secure: false, from: 'a@x.example', to: ['b@x.example'] });
    const r = await emailChannel.send(message, config, { retry: { maxAttempts: 3 }, sleep: async () => {} });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(mails).toHaveLength(1);
  });

  it('reports bad credentials and a rejected recipient without retrying', async () => {
    const { port } = await startSmtp({ rejectRcpt: 'gone@x.example' });
    const base = { host: '127.0.0.1', port, secure: false, from: 'a@x.example' };
    const wrong = await emailChannel.send(message, EmailConfigSchema.parse({ ...base, to: ['b@x.example'], user: 'desk', password: 'nope' }), {
      retry: { maxAttempts: 3 },
      sleep: async () => {},
    });
    expect(wrong).toMatchObject({ ok: false, attempts: 1, error: { code: 'TF_ERR_CHANNEL_CONFIG', retryable: false } });
    const partial = await emailChannel.send(message, EmailConfigSchema.parse({ ...base, to: ['b@x.example', 'gone@x.example'] }), {
      retry: { maxAttempts: 3 },
      sleep: async () => {},
    });
    expect(partial).toMatchObject({ ok: false, attempts: 1, error: { code: 'TF_ERR_CHANNEL_SMTP' } });
    expect(partial.error?.message).toContain('gone@x.example');
  });
});
