/**
 * The demo county (示范县): 临澜县 of 望川市, a fictional county. Fixed data (the same on every run) with towns
 * (镇/乡/街道), villages and communities, bureaus, and the roads, schools and sights the posts talk about.
 * Exported as places and units with ids, hierarchy and aliases, ready for the gazetteer and the units table.
 */

import type { GazetteerEntry } from '../analysis/gazetteer.ts';

export type PlaceKind = 'county' | 'subdistrict' | 'town' | 'township' | 'village' | 'community';
export type UnitKind = 'county' | 'bureau' | 'office' | 'town' | 'village';

export interface DemoPlace {
  id: string;
  name: string;
  kind: PlaceKind;
  parentId: string | null;
  aliases: string[];
  /** The unit that governs this place (town government, village committee). */
  unitId: string;
}

export interface DemoUnit {
  id: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  parentId: string | null;
  placeId: string | null;
  aliases: string[];
}

export interface DemoLandmark {
  name: string;
  kind: 'road' | 'school' | 'scenic' | 'hospital' | 'market' | 'park' | 'estate' | 'river';
  placeId: string;
  aliases: string[];
}

export const COUNTY_NAME = '临澜县';
export const CITY_NAME = '望川市';
export const COUNTY_ID = 'lc-county';

interface TownSeed {
  key: string;
  name: string;
  kind: 'subdistrict' | 'town' | 'township';
  villages: string[];
}

const TOWN_SEEDS: TownSeed[] = [
  { key: 'chengdong', name: '城东街道', kind: 'subdistrict', villages: ['滨河社区', '文昌社区', '新华社区', '东门社区'] },
  { key: 'chengxi', name: '城西街道', kind: 'subdistrict', villages: ['西关社区', '锦绣社区', '河西社区', '杨柳村'] },
  { key: 'linjiang', name: '临江镇', kind: 'town', villages: ['江口村', '码头村', '沙坝村', '临江社区', '芦花村'] },
  { key: 'shimen', name: '石门镇', kind: 'town', villages: ['石门村', '上坪村', '下坪村', '石门社区'] },
  { key: 'liuxi', name: '柳溪镇', kind: 'town', villages: ['柳溪村', '张家湾村', '竹林村', '大石村', '柳溪社区'] },
  { key: 'qingshi', name: '青石镇', kind: 'town', villages: ['青石村', '高家坝村', '红岩村', '青石社区'] },
  { key: 'longtan', name: '龙潭镇', kind: 'town', villages: ['龙潭村', '黄桷村', '回龙村', '龙潭社区', '水口村'] },
  { key: 'shuanghe', name: '双河镇', kind: 'town', villages: ['双河村', '李家坪村', '龙井村', '双河社区'] },
  { key: 'wanghu', name: '望湖镇', kind: 'town', villages: ['望湖村', '渔家村', '莲塘村', '湖滨社区'] },
  { key: 'jinsha', name: '金沙镇', kind: 'town', villages: ['金沙村', '白果村', '新屋村', '金沙社区'] },
  { key: 'baiyun', name: '白云乡', kind: 'township', villages: ['白云村', '云峰村', '茶园村', '松林村'] },
  { key: 'fenglin', name: '枫林乡', kind: 'township', villages: ['枫林村', '枫树坪村', '杉木村', '岩口村'] },
  { key: 'taoyuan', name: '桃源乡', kind: 'township', villages: ['桃源村', '桃花村', '古镇社区', '溪口村'] },
  { key: 'songgang', name: '松岗乡', kind: 'township', villages: ['松岗村', '马鞍村', '石板村', '向阳村'] },
];

interface BureauSeed {
  key: string;
  name: string;
  shortName: string;
  aliases: string[];
  kind?: UnitKind;
}

const BUREAU_SEEDS: BureauSeed[] = [
  { key: 'water', name: '临澜县水务局', shortName: '水务局', aliases: ['县水务局', '水利局'] },
  { key: 'edu', name: '临澜县教育局', shortName: '教育局', aliases: ['县教育局', '教体局'] },
  { key: 'transport', name: '临澜县交通运输局', shortName: '交通运输局', aliases: ['县交通局', '交通局'] },
  { key: 'housing', name: '临澜县住房和城乡建设局', shortName: '住建局', aliases: ['县住建局', '住房城乡建设局'] },
  { key: 'market', name: '临澜县市场监督管理局', shortName: '市场监管局', aliases: ['县市场监管局', '市监局'] },
  { key: 'culture', name: '临澜县文化广电旅游局', shortName: '文旅局', aliases: ['县文旅局', '文化旅游局'] },
  { key: 'health', name: '临澜县卫生健康委员会', shortName: '卫健委', aliases: ['县卫健委', '卫生健康局'] },
  { key: 'police', name: '临澜县公安局', shortName: '公安局', aliases: ['县公安局', '临澜警方', '警方'] },
  { key: 'emergency', name: '临澜县应急管理局', shortName: '应急管理局', aliases: ['县应急局', '应急局'] },
  { key: 'urban', name: '临澜县城市管理综合执法局', shortName: '城管局', aliases: ['县城管局', '城管执法局'] },
  { key: 'hrss', name: '临澜县人力资源和社会保障局', shortName: '人社局', aliases: ['县人社局'] },
  { key: 'medins', name: '临澜县医疗保障局', shortName: '医保局', aliases: ['县医保局'] },
  { key: 'ecology', name: '望川市生态环境局临澜分局', shortName: '生态环境分局', aliases: ['环保局', '临澜生态环境分局'] },
  { key: 'traffic', name: '临澜县公安局交通警察大队', shortName: '交警大队', aliases: ['县交警大队', '交警'] },
  { key: 'media', name: '临澜县融媒体中心', shortName: '融媒体中心', aliases: ['县融媒体中心'], kind: 'office' },
  { key: 'hotline', name: '临澜县12345政务服务便民热线', shortName: '12345热线', aliases: ['12345', '县长热线'], kind: 'office' },
  { key: 'gov', name: '临澜县人民政府办公室', shortName: '县政府办', aliases: ['县政府办公室'], kind: 'office' },
];

function stripSuffix(name: string): string {
  return name.replace(/(街道|镇|乡|社区|村)$/, '');
}

function buildCounty(): { places: DemoPlace[]; units: DemoUnit[] } {
  const places: DemoPlace[] = [
    { id: COUNTY_ID, name: COUNTY_NAME, kind: 'county', parentId: null, aliases: ['临澜', '望川市临澜县'], unitId: 'unit-county' },
  ];
  const units: DemoUnit[] = [
    { id: 'unit-county', name: '临澜县人民政府', shortName: '县政府', kind: 'county', parentId: null, placeId: COUNTY_ID, aliases: ['临澜县政府', '县政府'] },
  ];
  for (const b of BUREAU_SEEDS) {
    units.push({ id: `unit-${b.key}`, name: b.name, shortName: b.shortName, kind: b.kind ?? 'bureau', parentId: 'unit-county', placeId: null, aliases: b.aliases });
  }
  for (const t of TOWN_SEEDS) {
    const townId = `town-${t.key}`;
    const townUnit = `unit-town-${t.key}`;
    const short = stripSuffix(t.name);
    places.push({ id: townId, name: t.name, kind: t.kind, parentId: COUNTY_ID, aliases: short.length >= 2 ? [short] : [], unitId: townUnit });
    const govName = t.kind === 'subdistrict' ? `${t.name}办事处` : `${t.name}人民政府`;
    units.push({ id: townUnit, name: `${COUNTY_NAME}${govName}`, shortName: govName, kind: 'town', parentId: 'unit-county', placeId: townId, aliases: [`${t.name}政府`, govName] });
    t.villages.forEach((v, i) => {
      const vid = `${townId}-v${i + 1}`;
      const vUnit = `unit-${t.key}-v${i + 1}`;
      const isCommunity = v.endsWith('社区');
      const vShort = stripSuffix(v);
      const aliases = [`${short}${v}`];
      if (vShort.length >= 3) aliases.push(vShort);
      places.push({ id: vid, name: v, kind: isCommunity ? 'community' : 'village', parentId: townId, aliases, unitId: vUnit });
      const committee = isCommunity ? `${v}居委会` : `${v}村委会`;
      units.push({ id: vUnit, name: `${t.name}${committee}`, shortName: committee, kind: 'village', parentId: townUnit, placeId: vid, aliases: [committee] });
    });
  }
  return { places, units };
}

const BUILT = buildCounty();

/** Every place, county first, then each town followed by its villages and communities. */
export const DEMO_PLACES: readonly DemoPlace[] = BUILT.places;
/** Every unit: the county government, bureaus and offices, town governments, village committees. */
export const DEMO_UNITS: readonly DemoUnit[] = BUILT.units;

export const DEMO_LANDMARKS: readonly DemoLandmark[] = [
  { name: '滨江大道', kind: 'road', placeId: 'town-chengdong', aliases: ['滨江路'] },
  { name: '人民路', kind: 'road', placeId: 'town-chengdong', aliases: [] },
  { name: '迎宾大道', kind: 'road', placeId: 'town-chengxi', aliases: ['迎宾路'] },
  { name: '建设路', kind: 'road', placeId: 'town-chengxi', aliases: [] },
  { name: '临江路', kind: 'road', placeId: 'town-linjiang', aliases: [] },
  { name: 'S205省道石门段', kind: 'road', placeId: 'town-shimen', aliases: ['S205', '205省道'] },
  { name: '柳溪大桥', kind: 'road', placeId: 'town-liuxi', aliases: [] },
  { name: '龙潭隧道', kind: 'road', placeId: 'town-longtan', aliases: [] },
  { name: 'X012县道', kind: 'road', placeId: 'town-fenglin', aliases: ['X012'] },
  { name: '沿河路', kind: 'road', placeId: 'town-shuanghe', aliases: [] },
  { name: '临澜县第一中学', kind: 'school', placeId: 'town-chengdong', aliases: ['县一中', '临澜一中'] },
  { name: '临澜县实验小学', kind: 'school', placeId: 'town-chengxi', aliases: ['实验小学', '县实小'] },
  { name: '临江镇中心小学', kind: 'school', placeId: 'town-linjiang', aliases: ['临江小学'] },
  { name: '临澜县第二中学', kind: 'school', placeId: 'town-chengxi', aliases: ['县二中', '临澜二中'] },
  { name: '青石镇初级中学', kind: 'school', placeId: 'town-qingshi', aliases: ['青石中学'] },
  { name: '云雾山景区', kind: 'scenic', placeId: 'town-baiyun', aliases: ['云雾山'] },
  { name: '龙潭峡谷', kind: 'scenic', placeId: 'town-longtan', aliases: ['龙潭大峡谷'] },
  { name: '桃源古镇', kind: 'scenic', placeId: 'town-taoyuan', aliases: ['桃源古镇景区'] },
  { name: '望湖湿地公园', kind: 'park', placeId: 'town-wanghu', aliases: ['湿地公园'] },
  { name: '临澜县人民医院', kind: 'hospital', placeId: 'town-chengdong', aliases: ['县医院', '县人民医院'] },
  { name: '临澜县中医院', kind: 'hospital', placeId: 'town-chengxi', aliases: ['县中医院'] },
  { name: '城东农贸市场', kind: 'market', placeId: 'town-chengdong', aliases: ['东门菜市场'] },
  { name: '锦绣华府小区', kind: 'estate', placeId: 'town-chengxi', aliases: ['锦绣华府'] },
  { name: '滨江壹号小区', kind: 'estate', placeId: 'town-chengdong', aliases: ['滨江壹号'] },
  { name: '澜河', kind: 'river', placeId: COUNTY_ID, aliases: ['澜江'] },
];

const PLACE_BY_ID = new Map(DEMO_PLACES.map((p) => [p.id, p]));
const UNIT_BY_ID = new Map(DEMO_UNITS.map((u) => [u.id, u]));

export function placeById(id: string): DemoPlace {
  const p = PLACE_BY_ID.get(id);
  if (!p) throw new Error(`TF_ERR_DEMO_UNKNOWN_PLACE: no demo place with id ${id}`);
  return p;
}

export function unitById(id: string): DemoUnit {
  const u = UNIT_BY_ID.get(id);
  if (!u) throw new Error(`TF_ERR_DEMO_UNKNOWN_UNIT: no demo unit with id ${id}`);
  return u;
}

export const DEMO_TOWNS: readonly DemoPlace[] = DEMO_PLACES.filter((p) => p.parentId === COUNTY_ID);
export function villagesOf(townId: string): DemoPlace[] {
  return DEMO_PLACES.filter((p) => p.parentId === townId);
}
export function landmarksOf(kind: DemoLandmark['kind']): DemoLandmark[] {
  return DEMO_LANDMARKS.filter((l) => l.kind === kind);
}

/**
 * The county as gazetteer entries for the analysis engine (src/analysis/gazetteer.ts): places (with roads, schools
 * and sights as places inside their town) and units, each with aliases, level, parent name and id.
 */
export function demoGazetteer(): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  const nameOf = (id: string | null): string | undefined => (id ? (PLACE_BY_ID.get(id)?.name ?? UNIT_BY_ID.get(id)?.name) : undefined);
  const withParent = (e: GazetteerEntry, parent: string | undefined): GazetteerEntry => (parent ? { ...e, parent } : e);
  for (const p of DEMO_PLACES) out.push(withParent({ id: p.id, name: p.name, kind: 'place', level: p.kind, aliases: p.aliases }, nameOf(p.parentId)));
  for (const u of DEMO_UNITS) out.push(withParent({ id: u.id, name: u.name, kind: 'unit', level: u.kind, aliases: [...new Set([u.shortName, ...u.aliases])] }, nameOf(u.parentId)));
  DEMO_LANDMARKS.forEach((l, i) => out.push(withParent({ id: `landmark-${i + 1}`, name: l.name, kind: 'place', level: l.kind, aliases: l.aliases }, nameOf(l.placeId))));
  return out;
}

/** All names and aliases of places (for the `@places` word list of monitoring plans and the user dictionary). */
export function demoPlaceWords(): string[] {
  const words = new Set<string>();
  for (const p of DEMO_PLACES) [p.name, ...p.aliases].forEach((w) => words.add(w));
  for (const l of DEMO_LANDMARKS) [l.name, ...l.aliases].forEach((w) => words.add(w));
  return [...words];
}

/** All names and aliases of units (for the `@units` word list). */
export function demoUnitWords(): string[] {
  const words = new Set<string>();
  for (const u of DEMO_UNITS) [u.name, u.shortName, ...u.aliases].forEach((w) => words.add(w));
  return [...words];
}
