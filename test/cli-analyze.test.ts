import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../src/cli/commands/analyze.ts';
import { eventIdFor } from '../src/analysis/events/index.ts';

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

  describe('--events', () => {
    const CANTEEN = '县一中食堂饭菜价格又涨了，一份青菜要八块钱，学生家长意见很大，希望教育局管一管食堂承包的问题。';
    const CANTEEN2 = '县一中食堂又涨价，青菜八块一份，家长们都很不满，食堂承包的问题教育局到底管不管？';
    const posts = [
      { id: 'w1', text: ORIGINAL, published_at: '2024-06-01T08:00:00+08:00', source: '留言板' },
      { id: 'c1', text: CANTEEN, published_at: '2024-06-01T09:00:00+08:00', source: '微博' },
      { id: 'w2', text: '转发一下，大家帮帮忙//@热心网友:' + ORIGINAL, published_at: '2024-06-01T09:30:00+08:00', source: '微博' },
      { id: 'c2', text: CANTEEN2, published_at: '2024-06-01T10:00:00+08:00', source: '论坛', engagement: { likes: 12, reposts: 3 } },
      { id: 'w3', text: '大家看看：' + ORIGINAL, published_at: '2024-06-01T11:00:00+08:00', source: '论坛' },
    ];
    const input = posts.map((p) => JSON.stringify(p)).join('\n') + '\n';

    it('adds the event id to every line: reposts join their original, different events get different ids', async () => {
      const r = await runAnalyze(input, ['--events']);
      expect(r.code).toBe(0);
      const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((x) => x.id)).toEqual(['w1', 'c1', 'w2', 'c2', 'w3']);
      for (const row of rows) expect(row.event).toMatch(/^ev-[0-9a-f]{16}/);
      expect(rows[2].duplicate_of).toBe('w1');
      expect(rows[2].event).toBe(rows[0].event);
      expect(rows[4].event).toBe(rows[0].event);
      expect(rows[3].event).toBe(rows[1].event);
      expect(rows[1].event).not.toBe(rows[0].event);
      // without --events the lines carry no event
      expect(JSON.parse((await runAnalyze(input)).out.split('\n')[0]!)).not.toHaveProperty('event');
    });

    it('groups in published_at order while writing in input order', async () => {
      // the earliest post of each event opens it (the event id derives from that post's id), whatever the input order
      const shuffled = [posts[2], posts[0], posts[3], posts[1]].map((p) => JSON.stringify(p)).join('\n');
      const rows = (await runAnalyze(shuffled, ['--events'])).out.trim().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((x) => x.id)).toEqual(['w2', 'w1', 'c2', 'c1']);
      expect(rows[0].event).toBe(rows[1].event);
      expect(rows[1].event).toBe(eventIdFor('w1'));
      expect(rows[2].event).toBe(eventIdFor('c1'));
      // a window of 1 cannot reorder c1 before c2 two lines ahead of it: the canteen event is then opened by c2
      const narrow = (await runAnalyze([posts[3], posts[0], posts[4], posts[1]].map((p) => JSON.stringify(p)).join('\n'), ['--events', '--events-window', '1'])).out;
      expect(JSON.parse(narrow.split('\n')[0]!).event).toBe(eventIdFor('c2'));
    });

    it('writes the events with --events-out: title, keywords, size, first/last seen, heat, level and reasons', async () => {
      const file = join(dir, 'events.jsonl');
      const r = await runAnalyze(input, ['--events-out', file]);
      expect(r.code).toBe(0);
      const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
      const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(events.map((e) => e.id).sort()).toEqual([...new Set(rows.map((x) => x.event))].sort());
      const water = events.find((e) => e.id === rows[0].event);
      expect(water).toMatchObject({ size: 3, sources: 3, first_seen: '2024-06-01T00:00:00.000Z', last_seen: '2024-06-01T03:00:00.000Z', retired: false });
      expect(water.keywords).toEqual(expect.arrayContaining(['自来水']));
      expect(typeof water.title).toBe('string');
      expect(water.title.length).toBeGreaterThan(0);
      expect(water.heat).toBeGreaterThan(0);
      expect(water.heat).toBeLessThanOrEqual(100);
      expect(water).toHaveProperty('level');
      expect(Array.isArray(water.reasons)).toBe(true);
      expect(water.sentiment.negative + water.sentiment.neutral + water.sentiment.positive).toBe(3);
      const canteen = events.find((e) => e.id === rows[1].event);
      expect(canteen).toMatchObject({ size: 2, representative_post: expect.stringMatching(/^c[12]$/) });
    });

    it('keeps every line and the input order with a tiny window, and rejects bad options (exit 2)', async () => {
      const many = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `p${i}`, text: `第${i % 7}号楼电梯又坏了，物业不管`, published_at: new Date(Date.UTC(2024, 5, 1, 0, (i * 37) % 40)).toISOString() })).join('\n');
      const r = await runAnalyze(many, ['--events', '--events-window', '2']);
      expect(r.code).toBe(0);
      const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((x) => x.id)).toEqual(Array.from({ length: 40 }, (_, i) => `p${i}`));
      expect(rows.every((x) => typeof x.event === 'string')).toBe(true);
      expect((await runAnalyze('', ['--events', '--events-window', '0'])).code).toBe(2);
      expect((await runAnalyze(input, ['--events-out', join(dir, 'no-such-dir', 'e.jsonl')])).code).toBe(2);
    });
  });
});
