import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Segmenter } from './segmenter.ts';
import { Dictionary } from './dictionary.ts';
import { fma, ln } from './ln.ts';
import { segment, segmentForIndex } from '../segment.ts';

const dictText = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8');

const native = Jieba.withDict(dict);
const ours = Segmenter.fromDictText(dictText);

function same(n: Jieba, o: Segmenter, text: string): void {
  expect(o.cut(text), JSON.stringify(text)).toEqual(n.cut(text, true));
  expect(o.cutForSearch(text), JSON.stringify(text)).toEqual(n.cutForSearch(text, true));
}

const TRICKY = [
  '',
  ' ',
  '\r\n',
  '\r',
  '\n\n\r\n\r',
  '今天天气不错',
  '我们中出了一个叛徒',
  '小明硕士毕业于中国科学院计算所，后在日本京都大学深造',
  '南京市长江大桥',
  '他来到了网易杭研大厦',
  '股价涨了3.5%，成交额1.2亿元，市盈率-12.5倍',
  '3.14159 和 2.5.1 和 1.0.0-beta+exp.sha.5114f85',
  '版本WES-5.4.5发布，型号G260911-0711与ISU-CNS24093',
  'a-5b a_5b a&5b a#5 a+5 a.b5 5%3 50%% 0.5%',
  'iPhone15ProMax降价1000元',
  'C++和C#还有AT&T以及B超',
  '访问https://weibo.com/u/123456?from=feed&loc=nickname 查看',
  'http://t.cn/A6xyz_Qp 转发',
  '邮箱test.user+tag@example.com联系',
  '//@张三:说得对//@李四_Li: 转发微博',
  '@胡锡进@孙红雷@俄罗斯驻华大使馆快去盘黑',
  '[泪][哈哈][doge]太好笑了[允悲]',
  '#话题标签#超话',
  '😀😂👍🏻❤️中国加油👨‍👩‍👧‍👦',
  '𠀀𠀁𠀂𪚥𰻞𰻞面好吃',
  '讥䶯䶰䶱䶲䶳䶴䶵𦡦',
  '鿖鿗鿘鿙鿚 龦龧 豈更車',
  '這是繁體字的測試，臺灣與香港的朋友們好',
  '，。！？、；：“”‘’（）【】《》…—～·',
  'ＡＢＣ１２３全角字符ａｂｃ',
  '\u3000全角空格\u00a0不换行空格\t制表符',
  'x\r\n\ty',
  '锟斤拷烫烫烫屯屯屯',
  '乒乓球拍卖完了',
  '结婚的和尚未结婚的',
  '工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作',
  '蒙牛伊利2家黑心奶厂不差钱儿啊！ 不看不知道，一看吓一跳。转发微博',
  'OH NO！！！！！！！！！！！！！！！！！！',
  '一'.repeat(3) + '丂'.repeat(40) + '龘'.repeat(30) + '靐齉'.repeat(25),
  '乂乃乄乆乇'.repeat(80),
  '𠀀'.repeat(50) + 'abc' + '䶵'.repeat(20),
  'a\ud800b\udc00c中\ud83d文',
  '٣٤٥ ①②③ Ⅻ ½',
  'Ünïcödé café naïve 中文',
  'ok'.repeat(200),
  '12345678901234567890.123456789%',
  '..%%--__##&&++',
];

describe('segmenter: identical to @node-rs/jieba', () => {
  it('on tricky strings', () => {
    for (const t of TRICKY) same(native, ours, t);
  });

  it('on random strings of common and rare CJK, ASCII, punctuation, whitespace and emoji', () => {
    const common = [
      ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严',
    ];
    const rare = ['丂', '丄', '丌', '䶵', '䶯', '㐀', '鿖', '鿿', '豈', '﫿', '𠀀', '𪚥', '𰻞', '𫝀', '丽'];
    const ascii = [...'abcxyzABCXYZ0123456789+#&._%-'];
    const punct = [...'，。！？、；：“”（）【】《》…—～·!?,.;:\'"()[]{}<>/\\|@$^*=`~'];
    const space = [' ', '\t', '\n', '\r\n', '\r', '\u3000', '\u00a0', '\u2028'];
    const emoji = ['😀', '👍🏻', '❤️', '👨‍👩‍👧', '🇨🇳', '\ud83d', '\udc00'];
    const words = ['[泪]', '//@用户:', 'https://t.cn/', '3.5%', '1.2.3', '中国科学院', '长江大桥', '微博'];
    const piece = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...common) },
      { weight: 2, arbitrary: fc.constantFrom(...rare) },
      { weight: 3, arbitrary: fc.constantFrom(...ascii) },
      { weight: 2, arbitrary: fc.constantFrom(...punct) },
      { weight: 1, arbitrary: fc.constantFrom(...space) },
      { weight: 1, arbitrary: fc.constantFrom(...emoji) },
      { weight: 1, arbitrary: fc.constantFrom(...words) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (parts) => {
        same(native, ours, parts.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        (a, b) => {
          same(native, ours, a + b);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('segment.ts on the port: what it returned on @node-rs/jieba', () => {
  const before = (t: string): [string[], string[]] => [
    t ? native.cut(t, true).filter((w) => w.trim().length > 0) : [],
    t ? native.cutForSearch(t, true).filter((w) => /[\p{L}\p{N}]/u.test(w)) : [],
  ];
  it('segment and segmentForIndex on tricky and random strings', () => {
    for (const t of TRICKY) expect([segment(t), segmentForIndex(t)]).toEqual(before(t));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (t) => {
        expect([segment(t), segmentForIndex(t)]).toEqual(before(t));
      }),
      { numRuns: 500 },
    );
  });
});

describe('segmenter: user words', () => {
  it('adds words, replaces frequencies and recomputes the total as @node-rs/jieba loadDict does', () => {
    const n = Jieba.withDict(dict);
    const o = Segmenter.fromDictText(dictText);
    const text = '锦绣澜湾小区门口的澜沧新街积水，蒙牛伊利质量蛮好的；𠀀𠀁街道和C++教程，台海局势';
    same(n, o, text);
    const lines = [
      '锦绣澜湾 200000 ns',
      '澜沧新街 100000 nz',
      '蒙牛伊利', // no frequency: 0
      '质量 3 n', // an existing word with a lower frequency
      '的 1', // a very common word made rare
      '𠀀𠀁街道 5000 ns',
      'C++教程 100000 nz',
      '台海局势\t100000\tnz\r',
      '   ',
      '',
    ].join('\n');
    n.loadDict(Buffer.from(lines, 'utf8'));
    o.loadDict(lines);
    same(n, o, text);
    expect(o.cut(text)).toContain('锦绣澜湾');
    expect(o.dict.total).toBeGreaterThan(0);
  });

  it('stays identical on random text with random user words', () => {
    const n = Jieba.withDict(dict);
    const o = Segmenter.fromDictText(dictText);
    const chars = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动abc123丂𠀀'];
    const word = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    const entry = fc.tuple(word, fc.oneof(fc.constant(''), fc.nat({ max: 300000 }).map(String)));
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        fc.array(fc.constantFrom(...chars, '，', ' ', '3.5%'), { maxLength: 80 }),
        (entries, text) => {
          const lines = entries.map(([w, f]) => (f ? `${w} ${f} nz` : w)).join('\n');
          if (lines) {
            n.loadDict(Buffer.from(lines, 'utf8'));
            o.loadDict(lines);
          }
          same(n, o, text.join('') + entries.map(([w]) => w).join('，'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws on a frequency that is not an unsigned integer, as loadDict does, without changing anything', () => {
    const o = Segmenter.fromDictText(dictText);
    expect(() => Jieba.withDict(dict).loadDict(Buffer.from('坏词 1.5 n\n'))).toThrow();
    const total = o.dict.total;
    expect(() => o.loadDict('好词 10 n\n坏词 1.5 n\n')).toThrow(/frequency 1.5/);
    expect(() => o.loadDict('坏词 -3 n\n')).toThrow();
    expect(o.dict.total).toBe(total);
    expect(o.dict.has('好词')).toBe(false);
  });

  it('takes thousands of added words and stays identical (a small custom dictionary)', () => {
    const small = ['中国 100 ns', '人民 80 n', '中国人 30 n', '国人 5 n', '一 200 m', '一个 150 m', '个 90 q'].join(
      '\n',
    );
    const n = Jieba.withDict(Buffer.from(small, 'utf8'));
    const o = Segmenter.fromDictText(small);
    const before = o.dict.words;
    const chars = [...'中国人民一个好的大小多少上下左右前后东西南北'];
    const words: string[] = [];
    for (let i = 0; words.length < 6000; i++) {
      let w = '';
      for (let k = i; k > 0 || w.length < 2; k = Math.floor(k / chars.length)) w += chars[k % chars.length];
      words.push(w);
    }
    for (let i = 0; i < words.length; i += 1000) {
      const lines = words
        .slice(i, i + 1000)
        .map((w, k) => `${w} ${(k * 37) % 500} x`)
        .join('\n');
      n.loadDict(Buffer.from(lines, 'utf8'));
      o.loadDict(lines);
    }
    expect(o.dict.words).toBeGreaterThan(before + 5900); // 6000 words, a few already in the dictionary
    expect(o.dict.overlay!.mask + 1).toBeGreaterThan(1024); // the overlay grew
    for (const t of ['中国人民一个好的大小多少', '上下左右前后东西南北中国人', words.slice(100, 140).join('')])
      same(n, o, t);
  });
});

describe('segmenter: ln', () => {
  it('is glibc log (not V8 Math.log) where the two differ', () => {
    // values from glibc 2.36 log on x86-64 (Python math.log); V8 gives the neighbouring double
    expect(ln(3)).toBe(1.0986122886681098);
    expect(ln(9170)).toBe(9.123692565250511);
    expect(ln(136837)).toBe(11.826545715437014);
    expect(ln(60101964)).toBe(17.911553077840047);
    expect(Math.log(3)).not.toBe(ln(3));
    expect(ln(1)).toBe(0);
    expect(ln(0)).toBe(-Infinity);
  });

  it('emulates fma exactly (against exact BigInt arithmetic)', () => {
    const parts = (x: number): [bigint, number] => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      const hi = v.getUint32(0);
      const ex = (hi >>> 20) & 0x7ff;
      let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(v.getUint32(4));
      if (ex !== 0) m |= 1n << 52n;
      return [hi >>> 31 ? -m : m, ex === 0 ? -1074 : ex - 1075];
    };
    const exact = (a: number, b: number, c: number): number => {
      const [ma, ea] = parts(a);
      const [mb, eb] = parts(b);
      const [mc, ec] = parts(c);
      const e = Math.min(ea + eb, ec);
      let n = ((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e));
      if (n === 0n) return 0;
      const neg = n < 0n;
      if (neg) n = -n;
      const sh = n.toString(2).length - 53;
      let m = n;
      if (sh > 0) {
        m = n >> BigInt(sh);
        const rem = n - (m << BigInt(sh));
        const half = 1n << BigInt(sh - 1);
        if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
      }
      const r = Number(m) * 2 ** (e + Math.max(sh, 0));
      return neg ? -r : r;
    };
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-100); // no underflow, as in ln
    fc.assert(
      fc.property(num, num, num, fc.boolean(), (a, b, c, cancel) => {
        const cc = cancel ? -(a * b) : c; // the hard case: the sum cancels the rounded product
        const got = fma(a, b, cc);
        expect(got === exact(a, b, cc) || (got === 0 && exact(a, b, cc) === 0)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('dictionary', () => {
  it('loads the bundled dict.txt into typed arrays under 11 MB', () => {
    const d = Dictionary.fromText(dictText);
    expect(d.words).toBe(349045);
    expect(d.total).toBe(60101964);
    expect(d.bytes()).toBeLessThan(11e6);
    expect(d.has('中国科学院')).toBe(true);
    expect(d.has('科学院')).toBe(true);
    expect(d.has('中国科')).toBe(false); // a prefix only
    expect(d.has('国科学院')).toBe(false);
  });
});
