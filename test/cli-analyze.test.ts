import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../src/cli/commands/analyze.ts';

function collect(s: PassThrough): () => string {
  const parts: Buffer[] = [];
  s.on('data', (c: Buffer) => parts.push(c));
  return () => Buffer.concat(parts).toString('utf8');
}

async function runAnalyze(lines: string, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  // Feed the input in small uneven chunks to exercise line reassembly across chunk and UTF-8 boundaries.
  const buf = Buffer.from(lines, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += 7) chunks.push(buf.subarray(i, i + 7));
  const code = await analyzeCommand(args, { stdin: Readable.from(chunks), stdout, stderr });
  return { code, out: out(), err: err() };
}

const dir = mkdtempSync(join(tmpdir(), 'tf-analyze-'));
const ORIGINAL = '城关镇东门村的自来水停了三天，村民只能去河边挑水，希望县水利局尽快派人维修，老人孩子都等着用水。';

describe('tingfeng analyze', () => {
  it('writes one line per input in order, with duplicates, places, units and plans; skips malformed lines', async () => {
    writeFileSync(join(dir, 'plans.yaml'), '- { name: 停水, expression: "(停水 OR 水停了 OR 自来水) @places" }\n- { name: 表扬, expression: 感谢 NOT 投诉 }\n');
    writeFileSync(join(dir, 'dict.yaml'), 'places:\n  - name: 青山县\n    children:\n      - { name: 城关镇, children: [东门村] }\nunits:\n  - { name: 青山县水利局, aliases: [县水利局, 水利局] }\n');
    const input = [
      JSON.stringify({ id: 'a', text: ORIGINAL, source: '留言板' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'b', text: '谁来管管！//@热心市民:' + ORIGINAL }),
      JSON.stringify({ text: 'no id' }),
      '',
      JSON.stringify({ id: 7, title: '感謝', text: '感謝水利局的師傅連夜搶修，東門村已經恢復供水了！[赞]' }),
    ].join('\n');
    const r = await runAnalyze(input, ['--plan', join(dir, 'plans.yaml'), '--dict', join(dir, 'dict.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2: not valid JSON/);
    expect(r.err).toMatch(/line 4: missing "id"/);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(['a', 'b', '7']);
    expect(rows[0]).toMatchObject({ duplicate_of: null, places: ['城关镇', '东门村'], units: ['青山县水利局'] });
    expect(rows[0].simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(rows[0].plans.map((p: { name: string }) => p.name)).toEqual(['停水']);
    expect(rows[1].duplicate_of).toBe('a');
    expect(rows[2].duplicate_of).toBeNull();
    expect(rows[2].plans).toEqual([{ name: '表扬', hits: ['感谢'] }]);
    expect(['negative', 'neutral', 'positive']).toContain(rows[0].sentiment.label);
    expect(rows[2].sentiment.score).toBeGreaterThan(rows[0].sentiment.score);
    expect(rows[0].keywords.length).toBeGreaterThan(0);
  });

  it('reads --input files and reports plan syntax errors with their column (exit 2)', async () => {
    writeFileSync(join(dir, 'in.jsonl'), JSON.stringify({ id: 'x', text: '路灯坏了' }) + '\n');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ name: '坏', expression: '(路灯 坏' }]));
    const ok = await runAnalyze('', ['--input', join(dir, 'in.jsonl')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).id).toBe('x');
    const bad = await runAnalyze('', ['--plan', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/plan "坏", column 1: .*TF_ERR_PLAN_SYNTAX/);
    expect((await runAnalyze('', ['--input', join(dir, 'missing.jsonl')])).code).toBe(2);
    expect((await runAnalyze('', ['--bogus'])).code).toBe(2);
    const help = await runAnalyze('', ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Examples:');
  });

  it('respects stdout backpressure', async () => {
    const stdout = new PassThrough({ highWaterMark: 16 });
    const stderr = new PassThrough();
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: String(i), text: `第${i}条：路灯坏了，希望尽快修理。` })).join('\n');
    let got = 0;
    const done = analyzeCommand([], { stdin: Readable.from([lines]), stdout, stderr });
    // Read slowly: the command must wait for 'drain' rather than buffer everything.
    await new Promise((r) => setTimeout(r, 50));
    expect(stdout.writableLength).toBeLessThan(2000);
    stdout.on('data', (c: Buffer) => (got += c.toString().split('\n').length - 1));
    expect(await done).toBe(0);
    expect(got).toBe(300);
  });
});
