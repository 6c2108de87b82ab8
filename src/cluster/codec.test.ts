import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analysis/analyze.ts';
import { prepareItem } from '../pipeline/prepare.ts';
import { analysePreparedBatch } from './analyse-post.ts';
import { decodeAnalysed, encodeAnalysed } from './codec.ts';

const source = { id: 'src1', name: '论坛', weight: 1, demo: false };

describe('analysed messages', () => {
  it('carry the index tokens and title line the analyse worker derived; an older message without them still decodes', () => {
    const p = prepareItem({ url: 'https://bbs.example.cn/t/1', title: '城关镇停水', text: '自来水公司说管道抢修，什么时候恢复供水？' }, source, 1_700_000_000_000);
    const [r] = analysePreparedBatch(createAnalyzer(), [{ p, sourceName: source.name }]);
    expect(r!.post.analysis.index).toContain('自来水');
    expect(r!.post.analysis.title).toBe('城关镇停水');
    const data = encodeAnalysed(source, r!.post, r!.coreText);
    const back = decodeAnalysed(data).post.analysis;
    expect(back.index).toBe(r!.post.analysis.index);
    expect(back.title).toBe('城关镇停水');

    const old = JSON.parse(Buffer.from(data).toString('utf8'));
    delete old.analysis.index;
    delete old.analysis.title;
    const fromOld = decodeAnalysed(Buffer.from(JSON.stringify(old), 'utf8')).post;
    expect(fromOld.analysis.index).toBeUndefined();
    expect(fromOld.norm?.text.split('\n')[0]).toBe('城关镇停水');
  });
});
