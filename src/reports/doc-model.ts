/**
 * A renderer-neutral report document: sections of blocks. The composers (compose-*.ts) turn report data into it;
 * docx.ts and html.ts draw the same document, so both formats carry the same figures in the same order.
 */
import type { ChartSpec } from './charts.ts';
import type { ReportMeta } from './types.ts';

export type Inline = string | { text: string; href: string };

export type Block =
  | { kind: 'para'; runs: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; head: string[]; rows: Inline[][]; numeric?: number[] }
  | { kind: 'chart'; spec: ChartSpec; caption: string }
  /** A small note under a table or chart: where its figures come from ("数据来源：Q1、Q2"). */
  | { kind: 'source'; q: string[] }
  | { kind: 'subheading'; text: string };

export interface DocSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  meta: ReportMeta;
  sections: DocSection[];
}

export const para = (...runs: Inline[]): Block => ({ kind: 'para', runs });
export const source = (q: string[]): Block => ({ kind: 'source', q: [...new Set(q)] });
export const link = (text: string, href: string | null): Inline => (href ? { text, href } : text);

export function inlineText(i: Inline): string {
  return typeof i === 'string' ? i : i.text;
}
