/**
 * Word banks for the demo generator: slot resolvers (places, times, numbers), made-up nicknames, emoticons and
 * sentiment-bearing phrases. Nicknames are invented combinations; they name no real person.
 */
import { COUNTY_NAME, DEMO_TOWNS, landmarksOf, villagesOf, type DemoPlace } from './county.ts';
import type { SlotFn } from './expand.ts';
import type { Rng } from './prng.ts';

const names = (kind: Parameters<typeof landmarksOf>[0]): string[] => landmarksOf(kind).map((l) => l.name);
const nameOrAlias = (kind: Parameters<typeof landmarksOf>[0]) => (rng: Rng) => {
  const l = rng.pick(landmarksOf(kind));
  return rng.chance(0.75) || l.aliases.length === 0 ? l.name : rng.pick(l.aliases);
};

export const ROADS = names('road');
export const SCHOOLS = names('school');
export const SCENICS = names('scenic');

const WHEN = ['昨天晚上', '今天早上', '今天上午', '前天下午', '这两天', '最近一周', '上周末', '昨天中午', '今天下午', '前几天', '这几天晚上', '大前天'];
const HOURS = ['早上七点多', '早上八点左右', '中午十二点', '下午三点多', '傍晚六点', '晚上九点多', '凌晨一点', '晚上十一点', '上午十点'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '唐', '冯', '邓', '曹', '彭', '曾', '田', '袁', '蒋', '蔡', '余', '杜'];

/** A town and one of its villages, chosen together so that they match. */
export function pickTownVillage(rng: Rng, townId?: string): { town: DemoPlace; village: DemoPlace } {
  const town = townId ? (DEMO_TOWNS.find((t) => t.id === townId) ?? rng.pick(DEMO_TOWNS)) : rng.pick(DEMO_TOWNS);
  return { town, village: rng.pick(villagesOf(town.id)) };
}

export const SLOTS: Readonly<Record<string, SlotFn>> = {
  county: () => COUNTY_NAME,
  countyShort: (rng) => rng.pick(['临澜', '我们县', '县城', '临澜县', '咱们县']),
  road: nameOrAlias('road'),
  school: nameOrAlias('school'),
  scenic: nameOrAlias('scenic'),
  hospital: nameOrAlias('hospital'),
  estate: nameOrAlias('estate'),
  market: nameOrAlias('market'),
  park: nameOrAlias('park'),
  when: (rng) => rng.pick(WHEN),
  hour: (rng) => rng.pick(HOURS),
  n: (rng) => String(rng.int(2, 9)),
  cn: (rng) => rng.pick(['两', '三', '四', '五', '六', '七', '八', '十几', '二十多']),
  nn: (rng) => String(rng.int(10, 99)),
  days: (rng) => rng.pick(['三天', '一个星期', '半个多月', '快一个月', '两个多月', '五六天', '十来天', '大半年']),
  money: (rng) => String(rng.int(3, 60) * 100),
  price: (rng) => `${rng.int(3, 38)}${rng.pick(['元', '块', '块钱'])}`,
  surname: (rng) => rng.pick(SURNAMES),
  mr: (rng) => `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士', '师傅', '大爷', '阿姨'])}`,
  kid: (rng) => rng.pick(['孩子', '娃儿', '小孩', '我家孩子', '女儿', '儿子']),
  age: (rng) => String(rng.int(60, 88)),
  grade: (rng) => rng.pick(['一年级', '三年级', '五年级', '初一', '初二', '高一']),
  month: (rng) => `${rng.int(1, 12)}月`,
  date: (rng) => `${rng.int(1, 12)}月${rng.int(1, 28)}日`,
  phoneTail: (rng) => String(rng.int(1000, 9999)),
  city: (rng) => rng.pick(['广东', '深圳', '成都', '浙江', '上海', '重庆', '福建', '苏州']),
};

// ---- nicknames -------------------------------------------------------------------------------------------------

const NICK_HEADS = ['临澜', '澜河边的', '城东', '爱吃辣的', '路过的', '快乐的', '不睡觉的', '会飞的', '老', '小', '阿', '大', '安静的', '追风的', '山里的', '江边', '胖胖的', '倔强的', '早起的', '佛系'];
const NICK_BODIES = ['猫', '胖子', '老王', '小李', '阿姨', '妈妈', '奶爸', '司机', '吃货', '二哥', '小鱼', '石头', '橘子', '西瓜', '布丁', '青蛙', '大叔', '少年', '书生', '老农', '汉子', '姑娘', '剑客', '蜗牛', '仙人掌', '小白', '土豆', '老张说事', '路人甲', '打工人'];
const NICK_TAILS = ['', '', '', '呀', '哥', '姐', '君', '007', '2018', '_', 'ya', '666', '丶', '的日常', '在临澜', '不吃香菜'];

/** A made-up nickname. */
export function nickname(rng: Rng): string {
  const head = rng.chance(0.8) ? rng.pick(NICK_HEADS) : '';
  const body = rng.pick(NICK_BODIES);
  const tail = rng.pick(NICK_TAILS);
  const digits = rng.chance(0.3) ? String(rng.int(1, 9999)) : '';
  return `${head}${body}${tail}${digits}` || '网友';
}

/** The name a hotline ticket shows for its caller (surname and a title only). */
export function callerName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士'])}`;
}

// ---- emotion markers --------------------------------------------------------------------------------------------

export const EMO_NEG = ['[怒]', '[泪]', '[抓狂]', '[衰]', '[晕]', '[伤心]', '[哼]', '[吐]', '[汗]', '😡', '😤', '😭', '🙄', '💢'];
export const EMO_POS = ['[赞]', '[good]', '[心]', '[哈哈]', '[鼓掌]', '[太开心]', '[给力]', '👍', '❤️', '🎉', '😄', '🌸'];
export const EMO_NEU = ['[思考]', '[doge]', '[吃瓜]', '[允悲]', '[笑cry]', '😂', '🤔', '☕', '📷'];

export function emoticons(rng: Rng, tone: 'negative' | 'positive' | 'neutral', max = 3): string {
  const bank = tone === 'negative' ? EMO_NEG : tone === 'positive' ? EMO_POS : EMO_NEU;
  const k = rng.int(1, max);
  let s = '';
  for (let i = 0; i < k; i++) s += rng.pick(bank);
  return s;
}

export const NEG_CLOSERS = [
  '{真的|实在是|简直}{太|很|}{无语|离谱|让人寒心|让人失望}了！',
  '希望{有关部门|相关部门|领导}{重视|管一管|给个说法}！',
  '到底有没有人管？',
  '{不要|别}再{踢皮球|互相推诿|敷衍}了。',
  '老百姓{要求不高|只想要个说法}，{就这么难吗|怎么就这么难}？',
  '{拜托|麻烦}{转发|扩散}{一下|}，让{领导|上面}看到！',
  '再这样下去{迟早出事|要出大事}。',
  '{气死|烦死}人了！',
];
export const POS_CLOSERS = [
  '{必须|一定要}{点个赞|点赞}！',
  '{为|给}{他们|工作人员|这些默默付出的人}点赞！',
  '临澜{越来越好|越来越美|变化真大}了{！|。}',
  '{感谢|谢谢}{你们|有关部门|相关单位}的{付出|辛苦付出|及时处理}！',
  '{这样的|}办事效率{值得表扬|让人暖心}。',
  '{暖心|点赞|好评}！',
];
export const NEU_CLOSERS = ['{有没有|有}{知道的|了解的}{朋友|网友}说一下？', '{先|}记录一下。', '{大家|各位}怎么看？', '{求|蹲}{解答|一个答案}。', '{坐等|等}后续。', ''];

/** A Weibo-style hashtag for the county or a topic. */
export function hashtag(rng: Rng, topic?: string): string {
  const base = topic ?? rng.pick(['临澜身边事', '临澜', '望川同城', '临澜民生', '县城生活', '随手拍']);
  return `#${base}#`;
}
