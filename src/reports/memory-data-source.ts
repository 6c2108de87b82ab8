/**
 * A ReportDataSource over plain arrays: the executable statement of the interface's semantics, used by the tests
 * (fixtures whose numbers are known) and handy for demos. A store-backed implementation must give the same answers.
 */
import type {
  CountPostsQuery,
  ListCasesQuery,
  ListEventsQuery,
  ListPostsQuery,
  PostFilter,
  ReportDataSource,
  TimeRange,
} from './data-source.ts';
import type {
  AlertRow,
  CaseHistoryRow,
  CaseRow,
  CountRow,
  EventRow,
  LedgerFacts,
  LevelChangeRow,
  PostRow,
  ReleaseRow,
  SourceHealthRow,
} from './types.ts';

export interface MemoryPost extends PostRow {
  sourceId: string;
}

export interface MemoryData {
  posts: MemoryPost[];
  /** postsInRange is recomputed per query; postCount is recomputed from posts. */
  events: Omit<EventRow, 'postsInRange' | 'postCount'>[];
  levelHistory?: Record<string, LevelChangeRow[]>;
  alerts?: AlertRow[];
  cases?: CaseRow[];
  caseHistory?: CaseHistoryRow[];
  releases?: ReleaseRow[];
  sources?: Array<Omit<SourceHealthRow, 'itemsInRange'>>;
  /**
   * Ledger transitions for the statistics (action + payload as the case state machine records them). When absent,
   * they are derived from each case row: register, progress at firstResponseAt, reply at repliedAt, close at
   * closedAt, and feedback with the row's satisfaction at the later of repliedAt and closedAt. Units are named by
   * their names (a case row knows no unit ids).
   */
  ledgerTransitions?: LedgerFacts['transitions'];
}

const SENTIMENT_LABEL = { positive: '正面', neutral: '中性', negative: '负面' } as const;

function inRange(at: string, r: TimeRange | undefined): boolean {
  if (!r) return true;
  const t = Date.parse(at);
  return t >= Date.parse(r.start) && t < Date.parse(r.end);
}

function matches(p: PostRow, f: PostFilter): boolean {
  if (!inRange(p.publishedAt, f.range)) return false;
  if (f.eventId !== undefined && p.eventId !== f.eventId) return false;
  if (f.sentiment !== undefined && p.sentiment !== f.sentiment) return false;
  if (f.concernsOffice && p.places.length === 0 && p.units.length === 0) return false;
  return true;
}

function strip(p: MemoryPost): PostRow {
  const { sourceId: _s, ...rest } = p;
  return rest;
}

const CLOSED = new Set(['closed', 'merged']);

function derivedTransitions(c: CaseRow): LedgerFacts['transitions'] {
  const t: LedgerFacts['transitions'] = [{ caseId: c.id, action: 'register', at: c.registeredAt, payload: {} }];
  if (c.leadUnit)
    t.push({
      caseId: c.id,
      action: 'assign',
      at: c.registeredAt,
      payload: { leadUnitId: c.leadUnit, coUnitIds: c.coUnits },
    });
  if (c.firstResponseAt && c.firstResponseAt !== c.repliedAt)
    t.push({ caseId: c.id, action: 'progress', at: c.firstResponseAt, payload: {} });
  if (c.repliedAt) t.push({ caseId: c.id, action: 'reply', at: c.repliedAt, payload: {} });
  if (c.closedAt) t.push({ caseId: c.id, action: 'close', at: c.closedAt, payload: {} });
  const after = [c.repliedAt, c.closedAt]
    .filter((x): x is string => x !== null)
    .sort((a, b) => Date.parse(b) - Date.parse(a));
  if (c.satisfaction && after[0])
    t.push({ caseId: c.id, action: 'feedback', at: after[0], payload: { result: c.satisfaction } });
  return t;
}

export function createMemoryDataSource(data: MemoryData): ReportDataSource {
  const posts = [...data.posts];
  const sourceName = new Map(posts.map((p) => [p.sourceId, p.sourceName]));

  const eventRow = (e: MemoryData['events'][number], range?: TimeRange): EventRow => {
    const own = posts.filter((p) => p.eventId === e.id);
    return { ...e, postCount: own.length, postsInRange: own.filter((p) => inRange(p.publishedAt, range)).length };
  };

  return {
    async countPosts(q: CountPostsQuery): Promise<CountRow[]> {
      const sel = posts.filter((p) => matches(p, q));
      if (q.groupBy === 'none') return [{ key: 'all', label: '全部', count: sel.length }];
      const m = new Map<string, number>();
      for (const p of sel) {
        const k = q.groupBy === 'source' ? p.sourceId : p.sentiment;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return [...m.entries()].map(([key, count]) => ({
        key,
        label:
          q.groupBy === 'source' ? (sourceName.get(key) ?? key) : SENTIMENT_LABEL[key as keyof typeof SENTIMENT_LABEL],
        count,
      }));
    },
    async listPosts(q: ListPostsQuery) {
      const sel = posts.filter((p) => matches(p, q));
      const key = (p: PostRow): number =>
        q.orderBy === 'engagement'
          ? -p.engagement
          : q.orderBy === 'newest'
            ? -Date.parse(p.publishedAt)
            : Date.parse(p.publishedAt);
      sel.sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id));
      return sel.slice(0, q.limit).map(strip);
    },
    async getPosts(ids: string[]) {
      const want = new Set(ids);
      return posts.filter((p) => want.has(p.id)).map(strip);
    },
    async listEvents(q: ListEventsQuery) {
      const rows = data.events.map((e) => eventRow(e, q.range)).filter((e) => e.postsInRange > 0);
      rows.sort(
        (a, b) =>
          (q.orderBy === 'heat' ? b.heat - a.heat : b.postsInRange - a.postsInRange) || a.id.localeCompare(b.id),
      );
      return rows.slice(0, q.limit);
    },
    async getEvent(id: string) {
      const e = data.events.find((x) => x.id === id);
      return e ? eventRow(e) : null;
    },
    async eventLevelHistory(eventId: string) {
      return [...(data.levelHistory?.[eventId] ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
    async listAlerts(q) {
      return (data.alerts ?? []).filter(
        (a) => inRange(a.createdAt, q.range) && (q.eventId === undefined || a.eventId === q.eventId),
      );
    },
    async listCases(q: ListCasesQuery) {
      return (data.cases ?? []).filter((c) => {
        if (q.registeredIn && !inRange(c.registeredAt, q.registeredIn)) return false;
        if (q.repliedIn && (c.repliedAt === null || !inRange(c.repliedAt, q.repliedIn))) return false;
        if (q.eventId !== undefined && c.eventId !== q.eventId) return false;
        if (q.overdueAt !== undefined) {
          const at = Date.parse(q.overdueAt);
          if (c.deadline === null || Date.parse(c.deadline) >= at) return false;
          if (c.repliedAt !== null && Date.parse(c.repliedAt) <= at) return false;
          if (CLOSED.has(c.status) && c.closedAt !== null && Date.parse(c.closedAt) <= at) return false;
        }
        if (q.dueIn) {
          if (c.deadline === null || !inRange(c.deadline, q.dueIn)) return false;
          if (c.repliedAt !== null) return false;
        }
        return true;
      });
    },
    async caseHistory(caseIds: string[]) {
      const want = new Set(caseIds);
      return (data.caseHistory ?? [])
        .filter((h) => want.has(h.caseId))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
    async listReleases(q) {
      return (data.releases ?? []).filter(
        (r) => inRange(r.publishedAt, q.range) && (q.eventId === undefined || r.eventId === q.eventId),
      );
    },
    async sourceHealth(range: TimeRange) {
      return (data.sources ?? []).map((s) => ({
        ...s,
        itemsInRange: posts.filter((p) => p.sourceId === s.sourceId && inRange(p.publishedAt, range)).length,
      }));
    },
    async ledgerFacts(range: TimeRange): Promise<LedgerFacts> {
      const cases = (data.cases ?? []).filter((c) => inRange(c.registeredAt, range));
      const ids = new Set(cases.map((c) => c.id));
      const all = data.ledgerTransitions ?? (data.cases ?? []).flatMap(derivedTransitions);
      const transitions = all
        .filter((t) => ids.has(t.caseId) && Date.parse(t.at) < Date.parse(range.end))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const unitNames: Record<string, string> = {};
      for (const c of cases) for (const u of [c.leadUnit, ...c.coUnits]) if (u) unitNames[u] = u;
      return {
        cases: cases.map((c) => ({
          id: c.id,
          number: c.number,
          createdAt: c.registeredAt,
          leadUnitId: c.leadUnit,
          coUnitIds: c.coUnits,
          mergedIntoId: c.status === 'merged' ? 'merged' : null,
          firstResponseDueAt: null,
          replyDueAt: c.deadline,
          firstResponseAt: c.firstResponseAt,
          repliedAt: c.repliedAt,
          closedAt: c.closedAt,
        })),
        transitions,
        unitNames,
      };
    },
  };
}
