/**
 * One-off check: our TypeScript jieba port against @node-rs/jieba on every `text` (and `title`, when
 * present) of the shared data sets, in both modes. Reads ../shared/data only when it is there.
 *
 *   node bin/run-ts.mjs scripts/check-segmenter.ts [--user-words]
 *
 * With --user-words both segmenters first get the same runtime user words (some new, some existing words
 * with a new frequency), as segment.ts loads them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Segmenter } from '../src/analysis/segmenter/segmenter.ts';

const FILES = ['../shared/data/sentiment/train.jsonl', '../shared/data/events/ecob-dev.jsonl'].map((f) => resolve(f));

const native = Jieba.withDict(dict);
const ours = Segmenter.fromDictText(Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8'));
if (process.argv.includes('--user-words')) {
  const lines =
    [
      '蒙牛伊利 100000 nz',
      '解放军军机 100000 nz',
      '巡台 100000 nz',
      '质量 5 n',
      '快递小哥 3000 n',
      '包装不错 100000 nz',
      '的 1',
      '台海',
    ].join('\n') + '\n';
  native.loadDict(Buffer.from(lines, 'utf8'));
  ours.loadDict(lines);
}

let texts = 0;
let chars = 0;
let cutDiffs = 0;
let searchDiffs = 0;
const examples: string[] = [];
for (const file of FILES) {
  if (!existsSync(file)) {
    console.log(`skip ${file} (not present)`);
    continue;
  }
  let n = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; title?: unknown };
    for (const t of [row.text, row.title]) {
      if (typeof t !== 'string') continue;
      n++;
      chars += t.length;
      const a = native.cut(t, true);
      const b = ours.cut(t);
      if (a.length !== b.length || a.some((w, i) => w !== b[i])) {
        cutDiffs++;
        if (examples.length < 5)
          examples.push(
            `cut ${JSON.stringify(t.slice(0, 200))}\n  native ${JSON.stringify(a)}\n  ours   ${JSON.stringify(b)}`,
          );
      }
      const c = native.cutForSearch(t, true);
      const d = ours.cutForSearch(t);
      if (c.length !== d.length || c.some((w, i) => w !== d[i])) {
        searchDiffs++;
        if (examples.length < 5)
          examples.push(
            `search ${JSON.stringify(t.slice(0, 200))}\n  native ${JSON.stringify(c)}\n  ours   ${JSON.stringify(d)}`,
          );
      }
    }
  }
  console.log(`${file}: ${n} texts`);
  texts += n;
}
console.log(
  `${texts} texts, ${chars} UTF-16 units: cut differs on ${cutDiffs}, cutForSearch differs on ${searchDiffs}`,
);
for (const e of examples) console.log(e);
process.exitCode = cutDiffs + searchDiffs > 0 ? 1 : 0;
