/** Types of the demo county's generated posts. */

export type DemoSourceKind = 'forum' | 'rss' | 'json' | 'hotline';
/** Forum sections: the county leaders' message board (UTF-8) and the residents' forum (served GBK-encoded). */
export type ForumSection = 'mailbox' | 'bbs';
export type StorylineId = 'flood' | 'canteen' | 'rumour' | 'scenic';
export type Tone = 'negative' | 'neutral' | 'positive';
export type PostKind =
  | 'chatter'
  | 'praise'
  | 'complaint'
  | 'question'
  | 'letter'
  | 'news'
  | 'repost'
  | 'copy'
  | 'comment'
  | 'ticket'
  | 'official';

export interface Engagement {
  views: number;
  likes: number;
  comments: number;
  reposts: number;
}

/** The extra columns of a 12345 hotline ticket. */
export interface HotlineFields {
  ticketNo: string;
  /** 诉求类型: 投诉 / 咨询 / 求助 / 建议 / 表扬 */
  callType: string;
  /** 诉求分类, e.g. 市政设施 */
  category: string;
  /** 所属区域: the town */
  area: string;
  /** 承办单位 */
  unitName: string;
  /** 办理状态 */
  status: string;
}

export interface DemoPost {
  /** Stable id, unique within one generated stream (`p` + sequence number; the sequence follows time). */
  id: string;
  sourceKind: DemoSourceKind;
  /** Forum section, for forum posts. */
  section?: ForumSection;
  /** What kind of post this is (ground truth for tests and benchmarks; not published). */
  kind: PostKind;
  title: string;
  /** Plain text; paragraphs separated by "\n". */
  text: string;
  /** The author as published (made-up nickname, or the unit's name for official posts). */
  author: string;
  publishedAt: Date;
  /** Path on the demo site where the post's page lives (e.g. `/forum/bbs/thread-p123.html`). */
  url: string;
  engagement: Engagement;
  storyline?: StorylineId;
  /** True for an official, attributed reply or release. */
  isOfficial?: boolean;
  officialKind?: 'reply' | 'release';
  /** The responsible unit (for official posts: the publishing unit; for complaints: the unit that would handle it). */
  unitId?: string;
  /** The intended sentiment (ground truth of the template; not published). */
  tone: Tone;
  /** Ids of the demo places the text names. */
  placeIds: string[];
  /** For reposts: the id of the post reposted. */
  repostOf?: string;
  /** For near-copies: the id of the post copied. */
  copyOf?: string;
  /** For comments and official replies: the id of the post answered. */
  replyTo?: string;
  /** True when the text was written in Traditional characters. */
  traditional?: boolean;
  hotline?: HotlineFields;
}

export interface GenerateOptions {
  seed: number;
  /** First instant of the generated period. */
  start: Date;
  /** Length of the period in days (fractions allowed). */
  days: number;
  /** Average background posts per day (storyline posts come on top, scaled with this). */
  postsPerDay: number;
  /** When each storyline begins; defaults spread the storylines over the period. `null` leaves one out. */
  storylines?: Partial<Record<StorylineId, Date | null>>;
  /** Stop after this many posts (optional). */
  maxPosts?: number;
}
