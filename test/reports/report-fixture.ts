/**
 * A small county whose numbers are known by hand (see the comments), served by the in-memory ReportDataSource.
 * Office time zone Asia/Shanghai; daily report 2026-03-05 covers 2026-03-04T09:00Z → 2026-03-05T09:00Z.
 */
import { createMemoryDataSource, type MemoryData, type MemoryPost } from '../../src/reports/memory-data-source.ts';
import type { AssembleOptions } from '../../src/reports/assemble.ts';

export const HOSTILE = '<script>alert("x")</script>投诉城关镇噪音';

const SRC = { weibo: ['s-weibo', '微博'], forum: ['s-forum', '本地论坛'], hot: ['s-12345', '12345热线'] } as const;

function post(id: string, src: keyof typeof SRC, at: string, sentiment: MemoryPost['sentiment'], o: Partial<MemoryPost> = {}): MemoryPost {
  return {
    id,
    title: `帖文${id}`,
    excerpt: `帖文${id}的内容摘要`,
    url: `https://example.org/${id}`,
    sourceId: SRC[src][0],
    sourceName: SRC[src][1],
    author: null,
    publishedAt: at,
    sentiment,
    places: [],
    units: [],
    engagement: 0,
    eventId: null,
    ...o,
  };
}

const E1 = 'E1';
const E2 = 'E2';
const water = { eventId: E1 };

export const posts: MemoryPost[] = [
  // previous week (for weekly/monthly comparison)
  post('q0', 'weibo', '2026-02-25T02:00:00Z', 'negative'),
  // previous daily period 2026-03-03T09Z → 2026-03-04T09Z: 4 posts (forum 1, weibo 2, 12345 1; neutral 2, negative 2)
  post('q1', 'forum', '2026-03-03T10:00:00Z', 'neutral', { eventId: E2, engagement: 3 }),
  post('q2', 'weibo', '2026-03-03T11:00:00Z', 'negative', { eventId: E2, engagement: 8, places: ['城关镇'] }),
  post('q3', 'weibo', '2026-03-03T20:00:00Z', 'neutral', { eventId: E2 }),
  post('q4', 'hot', '2026-03-03T12:00:00Z', 'negative', { places: ['城关镇'] }),
  // current daily period: 11 posts (weibo 5, forum 3, 12345 3; negative 5, neutral 4, positive 2)
  post('p12', 'weibo', '2026-03-04T09:00:00Z', 'neutral'), // exactly at the start: included
  post('p1', 'weibo', '2026-03-04T10:00:00Z', 'negative', { ...water, title: '治河渡镇自来水发黄发浑', engagement: 120, places: ['治河渡镇'], units: ['县水务局'] }),
  post('p2', 'forum', '2026-03-04T12:00:00Z', 'negative', { ...water, engagement: 45, places: ['治河渡镇'] }),
  post('p3', 'weibo', '2026-03-04T15:00:00Z', 'negative', { ...water, title: '停水三天没人管', engagement: 300, units: ['县水务局'] }),
  post('p4', 'hot', '2026-03-05T01:00:00Z', 'neutral', { ...water, places: ['治河渡镇'] }),
  post('p5', 'weibo', '2026-03-05T03:00:00Z', 'positive', { ...water, title: '水务局回应：已冲洗管网', engagement: 10, units: ['县水务局'] }),
  post('p6', 'forum', '2026-03-05T08:59:00Z', 'negative', { ...water, engagement: 5 }),
  post('p7', 'forum', '2026-03-04T20:00:00Z', 'neutral', { eventId: E2, engagement: 2 }),
  post('p8', 'weibo', '2026-03-05T05:00:00Z', 'neutral'),
  post('p9', 'hot', '2026-03-05T06:00:00Z', 'negative', { title: HOSTILE, url: 'javascript:alert(1)', engagement: 7, places: ['城关镇'] }),
  post('p10', 'hot', '2026-03-05T07:00:00Z', 'positive'),
  post('p11', 'weibo', '2026-03-05T09:00:00Z', 'negative', { places: ['城关镇'] }), // exactly at the end: next period
];

const ts = (s: string) => s;

export const data: MemoryData = {
  posts,
  events: [
    {
      id: E1,
      title: '治河渡镇自来水浑浊',
      level: 'II',
      levelReasons: ['2 小时内新增 3 条，为基线的 6.3 倍', '负面占 67%', '涉及 治河渡镇'],
      heat: 87.5,
      trend: 'rising',
      firstSeenAt: ts('2026-03-04T10:00:00Z'),
      lastSeenAt: ts('2026-03-05T08:59:00Z'),
      keywords: ['自来水', '浑浊', '停水'],
      places: ['治河渡镇'],
      units: ['县水务局'],
      representativePostId: 'p1',
    },
    {
      id: E2,
      title: '县城道路施工',
      level: null,
      levelReasons: [],
      heat: 12,
      trend: 'fading',
      firstSeenAt: ts('2026-03-03T10:00:00Z'),
      lastSeenAt: ts('2026-03-04T20:00:00Z'),
      keywords: ['施工'],
      places: ['城关镇'],
      units: [],
      representativePostId: null,
    },
  ],
  levelHistory: {
    E1: [
      { at: '2026-03-04T10:20:00Z', level: 'III', reasons: ['负面集中'] },
      { at: '2026-03-04T15:10:00Z', level: 'II', reasons: ['2 小时内新增 3 条，为基线的 6.3 倍'] },
    ],
  },
  alerts: [
    { id: 'a0', createdAt: '2026-03-03T12:00:00Z', level: 'IV', ruleName: '负面帖文', title: '城关镇负面', eventId: null, status: 'acknowledged', acknowledgedBy: '王五', acknowledgedAt: '2026-03-03T12:10:00Z', escalated: false },
    { id: 'a1', createdAt: '2026-03-04T10:30:00Z', level: 'III', ruleName: '事件升级', title: '治河渡镇自来水浑浊 Ⅲ级', eventId: E1, status: 'acknowledged', acknowledgedBy: '值班员张三', acknowledgedAt: '2026-03-04T10:45:00Z', escalated: false },
    { id: 'a2', createdAt: '2026-03-04T16:00:00Z', level: 'II', ruleName: '事件升级', title: '治河渡镇自来水浑浊 Ⅱ级', eventId: E1, status: 'escalated', acknowledgedBy: null, acknowledgedAt: null, escalated: true },
  ],
  cases: [
    { id: 'c1', number: 'YQ-2026-000101', summary: '治河渡镇自来水浑浊', category: '供水', level: 'II', status: 'feedback', leadUnit: '县水务局', coUnits: ['治河渡镇'], places: ['治河渡镇'], registeredAt: '2026-03-04T11:00:00Z', deadline: '2026-03-05T11:00:00Z', firstResponseAt: '2026-03-04T12:00:00Z', repliedAt: '2026-03-05T02:00:00Z', closedAt: null, satisfaction: 'satisfied', eventId: E1 },
    { id: 'c2', number: 'YQ-2026-000102', summary: '治河渡镇停水补偿诉求', category: '供水', level: 'III', status: 'assigned', leadUnit: '治河渡镇', coUnits: [], places: ['治河渡镇'], registeredAt: '2026-03-04T13:00:00Z', deadline: '2026-03-05T20:00:00Z', firstResponseAt: null, repliedAt: null, closedAt: null, satisfaction: null, eventId: E1 },
    { id: 'c3', number: 'YQ-2026-000090', summary: '城关镇夜间施工噪音', category: '城建', level: 'IV', status: 'in_progress', leadUnit: '城关镇', coUnits: [], places: ['城关镇'], registeredAt: '2026-03-01T02:00:00Z', deadline: '2026-03-04T02:00:00Z', firstResponseAt: '2026-03-01T05:00:00Z', repliedAt: null, closedAt: null, satisfaction: null, eventId: E2 },
    { id: 'c4', number: 'YQ-2026-000095', summary: '城关镇道路破损', category: '城建', level: 'IV', status: 'feedback', leadUnit: '城关镇', coUnits: [], places: ['城关镇'], registeredAt: '2026-03-02T02:00:00Z', deadline: '2026-03-03T02:00:00Z', firstResponseAt: '2026-03-02T03:00:00Z', repliedAt: '2026-03-04T10:00:00Z', closedAt: null, satisfaction: 'unsatisfied', eventId: null },
  ],
  caseHistory: [
    { caseId: 'c1', caseNumber: 'YQ-2026-000101', at: '2026-03-04T11:00:00Z', action: 'registered', actor: '值班员张三', unit: null, note: '由预警登记' },
    { caseId: 'c1', caseNumber: 'YQ-2026-000101', at: '2026-03-04T11:30:00Z', action: 'instructed', actor: '副县长李四', unit: null, note: '请水务局立即核查，24小时内答复群众' },
    { caseId: 'c1', caseNumber: 'YQ-2026-000101', at: '2026-03-04T11:40:00Z', action: 'assigned', actor: '值班员张三', unit: '县水务局', note: '交办县水务局' },
    { caseId: 'c1', caseNumber: 'YQ-2026-000101', at: '2026-03-05T02:00:00Z', action: 'replied', actor: '县水务局', unit: '县水务局', note: '已完成管网冲洗，水质检测合格' },
    { caseId: 'c1', caseNumber: 'YQ-2026-000101', at: '2026-03-05T06:00:00Z', action: 'feedback', actor: '值班员张三', unit: null, note: '回访群众，满意' },
  ],
  releases: [
    { id: 'r1', title: '关于治河渡镇供水情况的说明', channel: '政务微博', url: 'https://example.gov.cn/r1', publishedAt: '2026-03-05T04:00:00Z', caseId: 'c1', eventId: E1 },
    { id: 'r2', title: '治河渡镇供水已恢复正常', channel: '政府网站', url: 'https://example.gov.cn/r2', publishedAt: '2026-03-05T05:00:00Z', caseId: 'c1', eventId: E1 },
    { id: 'r3', title: '春季安全生产提示', channel: '政务微博', url: null, publishedAt: '2026-03-10T02:00:00Z', caseId: null, eventId: null },
    { id: 'r4', title: '二月工作通报', channel: '政务微信', url: null, publishedAt: '2026-02-20T02:00:00Z', caseId: null, eventId: null },
  ],
  sources: [
    { sourceId: 's-weibo', name: '微博', kind: 'json-api', status: 'ok', pollsInRange: 96, failedPollsInRange: 0, gapsInRange: 0, lastSuccessAt: '2026-03-05T08:55:00Z', lastError: null },
    { sourceId: 's-forum', name: '本地论坛', kind: 'web-page', status: 'down', pollsInRange: 96, failedPollsInRange: 20, gapsInRange: 2, lastSuccessAt: '2026-03-05T04:00:00Z', lastError: 'HTTP 503' },
    { sourceId: 's-12345', name: '12345热线', kind: 'spreadsheet', status: 'ok', pollsInRange: 4, failedPollsInRange: 0, gapsInRange: 0, lastSuccessAt: '2026-03-05T08:00:00Z', lastError: null },
  ],
};

export const dataSource = () => createMemoryDataSource(data);

export const options: AssembleOptions = {
  officeName: '某某县委网信办',
  baseUrl: 'https://desk.example.gov.cn/',
  timeZone: 'Asia/Shanghai',
  generatedBy: '值班员张三',
  now: new Date('2026-03-05T09:30:00Z'),
};
