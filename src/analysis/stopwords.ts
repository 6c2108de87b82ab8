/**
 * Stop words for keywords and phrases: Chinese function words, pronouns, auxiliaries, common verbs of saying and
 * filler used on social media, plus English ones. Pure punctuation, numbers and single characters are filtered by
 * isContentToken, so they are not listed here.
 */
const WORDS = `
的 了 是 在 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 那 他 她 它 们 我们 你们 他们 她们
它们 咱们 大家 这个 那个 这些 那些 这样 那样 这里 那里 这么 那么 怎么 怎样 什么 为什么 哪 哪里 哪个 谁 多少 几 吗 呢 吧 啊 呀
哦 哈 哈哈 哈哈哈 嗯 啦 嘛 呗 喔 哎 唉 诶 额 么 之 与 及 或 或者 而 而且 并 并且 但 但是 可是 然而 不过 因为 所以 因此 如果 假如
虽然 尽管 即使 于是 然后 接着 还是 还有 以及 对于 关于 由于 为了 通过 根据 按照 比如 例如 等 等等 之后 之前 以后 以前 当时 现在
已经 曾经 正在 将 将要 把 被 让 给 对 向 从 自 往 于 以 用 跟 同 比 更 最 太 非常 特别 十分 比较 真的 真是 确实 其实 简直 还 又 再
才 就是 只是 只有 只要 可以 可能 应该 能够 能 会 需要 不会 不能 不是 没 没有 别 不要 不用 一些 一点 一下 一直 一样 一般 一起 一定
所有 每 每个 各 各种 其他 其它 其中 另外 有些 有的 很多 许多 好多 一切 任何 全部 整个 本 该 此 其 这种 那种 某 某些 之类 方面 时候
情况 问题 事情 东西 地方 时间 今天 昨天 明天 今年 去年 还是 觉得 认为 知道 表示 发现 感觉 希望 看到 听到 想 想要 做 做到 进行 出现
得到 成为 开始 继续 没什么 怎么样 如何 为何 何时 而已 罢了 似的 一样 左右 上面 下面 里面 外面 中间 前面 后面 以上 以下 之间 之中
微博 转发 转发微博 回复 评论 网页链接 链接 全文 展开 收起 图片 视频 原图 查看 秒拍 分享 来自 via http https www com cn
the a an and or of to in on at for is are was were be been it this that with as by from not no but so if
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** A token worth keeping as a keyword: at least two characters with a letter, not a stop word, not a number. */
export function isContentToken(t: string): boolean {
  if (t.length < 2 || STOP_WORDS.has(t)) return false;
  let letters = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) letters += 2;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    else if (c >= 0x3400 && c <= 0x4dbf) letters += 2;
  }
  return letters >= 2 && !(t.length === 2 && letters === 2 && t.charCodeAt(0) < 128);
}
