import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSource, options } from '../../test/reports/report-fixture.ts';
import { assembleDaily } from './assemble.ts';
import { buildSummary, estimateTokens, summaryFacts, templateSummary } from './summary.ts';

let reply: (body: { messages: Array<{ content: string }>; max_tokens: number }) => {
  status: number;
  content: string;
} = () => ({ status: 200, content: '{}' });
const seen: Array<{
  auth: string | undefined;
  body: { messages: Array<{ content: string }>; max_tokens: number; model: string };
}> = [];
let server: Server;
let base = '';

async function json(req: IncomingMessage): Promise<never> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as never;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    const body = await json(req);
    seen.push({ auth: req.headers.authorization, body });
    const r = reply(body);
    res
      .writeHead(r.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: r.content } }] }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const llm = () => ({ baseUrl: base, model: 'local-qwen', apiKey: 'k-123', maxInputTokens: 2000, maxOutputTokens: 300 });

describe('summary', () => {
  it('template summary (the default) cites the posts behind each sentence', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    const s = await buildSummary(d);
    expect(s.method).toBe('template');
    expect(s.paragraphs[0]!.text).toContain('本期共监测到相关信息 11 条（上期 4 条），其中负面 5 条');
    expect(s.paragraphs.find((p) => p.text.includes('治河渡镇自来水浑浊'))!.citedPostIds).toEqual(['p1', 'p3', 'p2']);
    expect(templateSummary(summaryFacts(d)).paragraphs.length).toBe(s.paragraphs.length);
  });

  it('LLM summary keeps only claims that cite given posts and use numbers from the facts', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    reply = () => ({
      status: 200,
      content:
        '```json\n' +
        JSON.stringify({
          claims: [
            { text: '治河渡镇自来水浑浊事件本期新增 6 条，群众反映集中。', post_ids: ['p1', 'p3'] },
            { text: '该事件已造成 900 户停水。', post_ids: ['p1'] }, // number not in facts: dropped
            { text: '城关镇也有投诉。', post_ids: ['p999'] }, // cites a post not given: dropped
            { text: '总体平稳。', post_ids: [] }, // no citation: dropped
          ],
        }) +
        '\n```',
    });
    const s = await buildSummary(d, llm());
    expect(s.method).toBe('llm');
    expect(s.paragraphs).toEqual([
      { text: '治河渡镇自来水浑浊事件本期新增 6 条，群众反映集中。', citedPostIds: ['p1', 'p3'] },
    ]);
    expect(s.note).toContain('3 条论断');
    const last = seen.at(-1)!;
    expect(last.auth).toBe('Bearer k-123');
    expect(last.body.model).toBe('local-qwen');
    expect(last.body.max_tokens).toBe(300);
    expect(last.body.messages[1]!.content).toContain('[p1]');
  });

  it('stays within the input token budget by dropping posts', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    reply = () => ({ status: 200, content: JSON.stringify({ claims: [{ text: '有回应。', post_ids: ['p1'] }] }) });
    const facts = summaryFacts(d)
      .map((f) => f.text)
      .join('\n');
    const budget = estimateTokens(facts) + 250;
    await buildSummary(d, { ...llm(), maxInputTokens: budget });
    const sent = seen
      .at(-1)!
      .body.messages.map((m) => m.content)
      .join('\n');
    expect(estimateTokens(sent)).toBeLessThanOrEqual(budget);
    expect(sent).toContain('[p1]');
    expect(sent).not.toContain('[p9]');
  });

  it('falls back to the template summary on a server error or unusable output', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    reply = () => ({ status: 500, content: '' });
    const a = await buildSummary(d, llm());
    expect(a.method).toBe('template');
    expect(a.note).toContain('HTTP 500');
    reply = () => ({ status: 200, content: '今天一切正常' });
    expect((await buildSummary(d, llm())).note).toContain('JSON');
    const c = await buildSummary(d, { ...llm(), baseUrl: 'http://127.0.0.1:1/v1' });
    expect(c.method).toBe('template');
  });
});
