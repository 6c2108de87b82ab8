import { describe, expect, it } from 'vitest';
import { demoSiteCommand, parseDemoSiteArgs } from './command.ts';
import { demoPostsJsonLines } from './stream.ts';

function sink() {
  let text = '';
  return { write: (s: string) => (text += s), get text() {
    return text;
  } };
}

describe('tingfeng demo site', () => {
  it('parses its options and rejects bad ones with a coded message', () => {
    expect(parseDemoSiteArgs(['--port', '0', '--speed=60', '--seed', '9'])).toMatchObject({ port: 0, speed: 60, seed: 9 });
    const error = (argv: string[]) => {
      const r = parseDemoSiteArgs(argv);
      return 'error' in r ? r.error : '';
    };
    expect(error(['--speed', '-1'])).toMatch(/TF_ERR_DEMO_ARGS: --speed/);
    expect(error(['--port', '70000'])).toMatch(/--port/);
    expect(error(['--bogus'])).toMatch(/unknown option --bogus/);
    expect(parseDemoSiteArgs(['--help'])).toEqual({ help: true });
  });

  it('runs the site until the signal aborts, printing its address and the sources', async () => {
    const out = sink();
    const err = sink();
    const ac = new AbortController();
    let robots = '';
    const code = await demoSiteCommand(['--port', '0', '--speed', '120', '--seed', '2', '--print-sources'], {
      stdout: out,
      stderr: err,
      signal: ac.signal,
      onListening: (url) => {
        void fetch(`${url}/robots.txt`)
          .then((r) => r.text())
          .then((t) => {
            robots = t;
          })
          .finally(() => ac.abort());
      },
    });
    expect(code).toBe(0);
    expect(err.text).toBe('');
    expect(robots).toContain('User-agent: *');
    expect(out.text).toMatch(/demo site: http:\/\/127\.0\.0\.1:\d+/);
    expect(out.text).toContain('"kind": "web-page"');
    expect(out.text).toContain('demo site stopped');
  });

  it('exits with 2 and usage on bad arguments', async () => {
    const err = sink();
    expect(await demoSiteCommand(['--speed', 'fast'], { stdout: sink(), stderr: err })).toBe(2);
    expect(err.text).toContain('usage');
  });
});

describe('demoPostsJsonLines', () => {
  it('streams one JSON object per line in the import format', async () => {
    const lines: string[] = [];
    let buf = '';
    for await (const chunk of demoPostsJsonLines({ seed: 1, start: new Date('2026-01-01T00:00:00+08:00'), days: 1, postsPerDay: 100, maxPosts: 40 })) {
      buf += String(chunk);
    }
    lines.push(...buf.split('\n').filter(Boolean));
    expect(lines).toHaveLength(40);
    for (const l of lines) {
      const o = JSON.parse(l) as Record<string, unknown>;
      expect(Object.keys(o).sort()).toEqual(['author', 'engagement', 'id', 'published_at', 'source', 'text', 'title', 'url']);
      expect(String(o['published_at'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
  });
});
