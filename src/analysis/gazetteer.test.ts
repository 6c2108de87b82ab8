import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer.ts';
import { parseDictionaryFile } from './gazetteer-file.ts';
import { segment } from './segment.ts';

const YAML = `
places:
  - name: 青山县
    level: county
    children:
      - name: 城关镇
        level: town
        children:
          - { name: 东门村, level: village }
          - { name: 幸福社区, level: community, aliases: [幸福小区] }
      - { name: 白石乡, level: town }
units:
  - { name: 青山县住房和城乡建设局, aliases: [县住建局, 住建局], id: u-zjj }
  - { name: 城关镇人民政府, aliases: [城关镇政府] }
words: [烂尾楼]
`;

describe('Gazetteer', () => {
  const file = parseDictionaryFile(YAML);
  const g = new Gazetteer(file.entries);
  it('finds places with their hierarchy and units by alias, longest match first', () => {
    const r = g.match('城关镇政府门口的东门村路段积水，住建局说白石那边也一样，幸福小区也有人反映。城关也是');
    expect(r.units.map((u) => u.name)).toEqual(['城关镇人民政府', '青山县住房和城乡建设局']);
    expect(r.units[1]!.id).toBe('u-zjj');
    const east = r.places.find((p) => p.name === '东门村')!;
    expect(east.path).toEqual(['青山县', '城关镇', '东门村']);
    expect(r.places.map((p) => p.name)).toEqual(['东门村', '白石乡', '幸福社区', '城关镇']);
  });
  it('is editable at runtime', () => {
    const g2 = new Gazetteer([{ name: '红星村', kind: 'place' }]);
    expect(g2.match('红星村').places).toHaveLength(1);
    g2.remove('红星村');
    g2.add({ name: '绿水村', kind: 'place', aliases: ['绿水'] });
    expect(g2.match('红星村和绿水').places.map((p) => p.name)).toEqual(['绿水村']);
  });
  it('adds its words to the segmenter', () => {
    new Gazetteer([{ name: '东门幸福里村', kind: 'place' }]).registerWithSegmenter();
    expect(segment('东门幸福里村的路')).toContain('东门幸福里村');
  });
  it('reads jieba-style plain dictionaries and rejects malformed structured ones with a code', () => {
    const d = parseDictionaryFile('# comment\n南湖村 100 ns\n环保局 nt\n烂尾楼\n');
    expect(d.entries.map((e) => [e.name, e.kind])).toEqual([['南湖村', 'place'], ['环保局', 'unit']]);
    expect(d.words).toHaveLength(3);
    expect(() => parseDictionaryFile('places: 3')).toThrowError(expect.objectContaining({ code: 'TF_ERR_DICT_FORMAT' }));
  });
});
