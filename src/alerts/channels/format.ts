/**
 * Shared message rendering. Alert titles may quote public posts, so every channel treats them as hostile:
 * plain text is kept to one line where it is a title, markdown control characters are replaced with their
 * full-width forms (so a post cannot inject links, @-mentions of everyone or colour tags into a robot message),
 * and HTML is escaped.
 */
import { localDate, localTime } from '../../cases/zoned-time.ts';
import type { AlertMessage } from './channel.ts';

export const LEVEL_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Ⅰ级（红色）',
  2: 'Ⅱ级（橙色）',
  3: 'Ⅲ级（黄色）',
  4: 'Ⅳ级（蓝色）',
};

export const LEVEL_COLORS: Record<1 | 2 | 3 | 4, string> = { 1: '#d4380d', 2: '#fa8c16', 3: '#fadb14', 4: '#1677ff' };

/** One line, control characters removed, at most `max` characters. */
export function oneLine(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const MARKDOWN_MAP: Record<string, string> = {
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '<': '＜',
  '>': '＞',
  '*': '＊',
  '_': '＿',
  '`': '｀',
  '#': '＃',
  '~': '～',
  '|': '｜',
  '!': '！',
  '@': '＠',
  '\\': '＼',
};

/** Neutralises markdown/HTML control characters in untrusted text by full-width look-alikes. */
export function neutralizeMarkdown(s: string): string {
  return s.replace(/[[\]()<>*_`#~|!@\\]/g, (c) => MARKDOWN_MAP[c] ?? c);
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A safe http(s) link or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function displayTime(message: AlertMessage): string {
  const at = new Date(message.at);
  const tz = message.timeZone ?? 'Asia/Shanghai';
  return `${localDate(at, tz)} ${localTime(at, tz)}`;
}

export function subjectLine(message: AlertMessage): string {
  return `【${LEVEL_LABELS[message.level]}预警】${oneLine(message.title)}`;
}

/** Plain-text rendering (robot text messages, email text part). */
export function renderPlainText(message: AlertMessage): string {
  const lines = [subjectLine(message), '', message.text.trim()];
  for (const f of message.fields ?? []) lines.push(`${oneLine(f.label, 40)}：${oneLine(f.value, 500)}`);
  lines.push(`时间：${displayTime(message)}`);
  const url = safeUrl(message.url);
  if (url) lines.push(`查看：${url}`);
  if (message.officeName) lines.push(`—— ${oneLine(message.officeName, 80)}`);
  return lines.join('\n');
}

/** Markdown rendering with neutralised untrusted text (WeCom and DingTalk markdown). */
export function renderMarkdown(message: AlertMessage, levelLine: string): string {
  const lines = [
    `### ${neutralizeMarkdown(subjectLine(message))}`,
    levelLine,
    '',
    ...message.text
      .trim()
      .split(/\r?\n/)
      .map((l) => `> ${neutralizeMarkdown(l)}`),
    '',
  ];
  for (const f of message.fields ?? []) {
    lines.push(`**${neutralizeMarkdown(oneLine(f.label, 40))}**：${neutralizeMarkdown(oneLine(f.value, 500))}`);
  }
  lines.push(`时间：${displayTime(message)}`);
  const url = safeUrl(message.url);
  if (url) lines.push(`[查看详情](${url.replace(/[()]/g, encodeURIComponent)})`);
  return lines.join('\n');
}

/** Cuts a UTF-8 string to at most `maxBytes` bytes without splitting a character. */
export function clipBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > maxBytes - 3) break;
    out += ch;
    bytes += b;
  }
  return `${out}…`;
}
