/**
 * The source settings that point Tingfeng's real connectors at the demo site. Shapes follow the connector
 * schemas in src/sources (web-page, rss, json-api, spreadsheet). The fetching ones are `internal: true`: the demo
 * site listens on a loopback address, which the polite fetcher refuses otherwise.
 */

export interface DemoSourceConfig {
  kind: 'web-page' | 'rss' | 'json-api' | 'spreadsheet';
  name: string;
  /** Suggested poll interval in seconds (at demo speed the site changes quickly). */
  interval_seconds: number;
  /** Always true: the dashboard marks sources and their posts as demo data. */
  demo: true;
  config: Record<string, unknown>;
}

export interface DemoSourcesOptions {
  /** Path of the hotline export the demo site writes (`startDemoSite({ hotlineFile })`); without it no spreadsheet source. */
  hotlineFile?: string;
}

/**
 * Sources for each endpoint of the demo site at `baseUrl`. The spreadsheet connector imports files from a path, so
 * the 12345 source reads the file the site keeps up to date (the same export is served at /hotline/export.xlsx).
 */
export function demoSources(baseUrl: string, opts: DemoSourcesOptions = {}): DemoSourceConfig[] {
  const base = baseUrl.replace(/\/+$/, '');
  const forumDetail = { title: 'h1.title', text: 'div.content', published_at: 'span.time', author: 'span.user', views: 'span.views', replies: 'span.replies', likes: 'span.likes' };
  const sources: DemoSourceConfig[] = [
    {
      kind: 'web-page',
      name: '临澜县长信箱（领导留言板）',
      interval_seconds: 60,
      demo: true,
      config: { url: `${base}/forum/mailbox/list?page=1`, list: { item: 'ul.msg-list li', link: 'a', next: 'a.next' }, detail: forumDetail, max_pages: 5, internal: true, timezone: 'Asia/Shanghai' },
    },
    {
      kind: 'web-page',
      name: '临澜百姓论坛（GBK）',
      interval_seconds: 60,
      demo: true,
      config: { url: `${base}/forum/bbs/list?page=1`, list: { item: 'ul.msg-list li', link: 'a', next: 'a.next' }, detail: forumDetail, max_pages: 5, internal: true, timezone: 'Asia/Shanghai' },
    },
    {
      kind: 'rss',
      name: '临澜新闻网 RSS',
      interval_seconds: 120,
      demo: true,
      config: { url: `${base}/rss.xml`, internal: true, timezone: 'Asia/Shanghai' },
    },
    {
      kind: 'json-api',
      name: '临澜同城微博（JSON API）',
      interval_seconds: 45,
      demo: true,
      config: {
        url: `${base}/api/posts?page={page}&page_size={page_size}`,
        start_page: 1,
        page_size: 50,
        max_pages: 5,
        items_path: 'data',
        fields: { id: 'id', url: 'url', title: 'title', text: 'text', published_at: 'created_at', author: 'user.name', likes: 'attitudes_count', replies: 'comments_count', reposts: 'reposts_count', views: 'views_count' },
        internal: true,
        timezone: 'Asia/Shanghai',
      },
    },
  ];
  if (opts.hotlineFile) {
    sources.push({
      kind: 'spreadsheet',
      name: '12345热线工单导出',
      interval_seconds: 60,
      demo: true,
      config: {
        path: opts.hotlineFile,
        key_prefix: '12345',
        mapping: { key: '工单编号', title: '标题', text: '诉求内容', published_at: '来电时间', author: '来电人' },
        timezone: 'Asia/Shanghai',
      },
    });
  }
  return sources;
}
