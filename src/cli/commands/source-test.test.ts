import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sourceTestCommand } from './source-test.ts';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c.toString());
        cb();
      },
    }),
    text: () => chunks.join(''),
  };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await sourceTestCommand(
    argv,
    { stdout: out.stream, stderr: err.stream },
    { userAgent: 'TingfengTest/1.0' },
  );
  return { code, out: out.text(), err: err.text() };
}

describe('tingfeng source test', () => {
  it('prints help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--config FILE');
  });

  it('exits 2 on usage and settings errors, saying what is wrong', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--config', '/no/such/file.json'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'tf-st-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ kind: 'web-page', url: 'http://example.gov.cn/list', list: {} }));
    const r = await run(['--config', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('TF_ERR_SOURCE_CONFIG');
    expect(r.err).toContain('list.item');
    writeFileSync(file, JSON.stringify({ kind: 'nope' }));
    expect((await run(['--config', file])).err).toContain('unknown source kind');
  });

  it('exits 1 when the fetch is refused; settings it does not know are ignored with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-st-'));
    const file = join(dir, 'feed.json');
    writeFileSync(file, JSON.stringify({ kind: 'rss', url: 'http://127.0.0.1:9/feed.xml', interval_seconds: 600 }));
    const r = await run(['--config', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ignoring settings unknown to "rss": interval_seconds');
    expect(r.err).toContain('TF_ERR_FETCH_PRIVATE_ADDRESS');
  });
});
