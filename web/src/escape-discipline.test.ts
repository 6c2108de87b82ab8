// Guard: post text is untrusted, so no source file of the web app may inject HTML strings into the page.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = [
  /dangerouslySetInnerHTML/,
  /\.innerHTML\s*=/,
  /\.outerHTML\s*=/,
  /insertAdjacentHTML/,
  /document\.write\(/,
  /\beval\(/,
  /new Function\(/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('escape discipline', () => {
  it('no web source file writes HTML strings into the DOM', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const hits = files.flatMap((f) =>
      FORBIDDEN.filter((re) => re.test(readFileSync(f, 'utf8'))).map((re) => `${f}: ${re.source}`),
    );
    expect(hits).toEqual([]);
  });
});
