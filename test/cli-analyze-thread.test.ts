import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../src/cli/commands/analyze.ts';
import { generatePosts } from '../src/demo/index.ts';

// A file of its own: `tingfeng analyze` without --events adds --dict words to this process's segmenter, and words
// other tests added would make the two runs compared here segment differently.

async function runAnalyze(lines: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await analyzeCommand(args, { stdin: Readable.from([lines]), stdout, stderr });
  return { code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') };
}

const dir = mkdtempSync(join(tmpdir(), 'tf-analyze-thread-'));

describe('tingfeng analyze --events', () => {
  it('analyses in a thread of its own: every line as without --events, plus the event; plan errors as without', async () => {
    const demo = [...generatePosts({ seed: 11, start: new Date('2026-11-20T00:00:00Z'), days: 2, postsPerDay: 200 })];
    const lines = demo.map((p, i) => JSON.stringify({ id: `d${i}`, title: p.title, text: p.text, published_at: p.publishedAt.toISOString(), source: p.sourceKind })).join('\n');
    writeFileSync(join(dir, 'demo-plans.yaml'), '- { name: 供水, expression: "(停水 OR 自来水) @places" }\n');
    writeFileSync(join(dir, 'demo-dict.yaml'), 'places:\n  - name: 临澜县\n    children: [石门镇, 龙潭镇, 城东街道]\nunits:\n  - { name: 县水务局, aliases: [水务局] }\nwords: [临澜]\n');
    const args = ['--plan', join(dir, 'demo-plans.yaml'), '--dict', join(dir, 'demo-dict.yaml')];
    const plain = (await runAnalyze(lines, args)).out.trim().split('\n').map((l) => JSON.parse(l));
    const r = await runAnalyze(lines, [...args, '--events']);
    expect(r.code).toBe(0);
    const withEvents = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(withEvents.length).toBe(demo.length);
    expect(withEvents.every((x) => typeof x.event === 'string')).toBe(true);
    expect(withEvents.map(({ event: _e, ...rest }) => rest)).toEqual(plain);
    expect(plain.filter((x) => x.places.includes('石门镇')).length).toBeGreaterThan(5);
    expect(plain.filter((x) => x.plans.length > 0).length).toBeGreaterThan(5);
    writeFileSync(join(dir, 'bad-events.json'), JSON.stringify([{ name: '坏', expression: '(路灯 坏' }]));
    const bad = await runAnalyze('{"id":"x","text":"路灯坏了"}\n', ['--events', '--plan', join(dir, 'bad-events.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/plan "坏", column 1: .*TF_ERR_PLAN_SYNTAX/);
  });
});
