// 信息流: GET /api/posts with the filters kept in the URL, server-side pages, highlighted search terms, folded
// duplicates, and the detail drawer. New posts (SSE `ingest`) refresh the first page.
import { useMemo, useState } from 'react';
import { Card, List, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { Post, PostList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useLiveRefresh } from '../../live/use-live-refresh.ts';
import { PageFrame } from '../page-frame.tsx';
import { PostItem } from './post-item.tsx';
import { PostDrawer } from './post-drawer.tsx';
import { PAGE_SIZE, postsQuery, readFilters, writeFilters, type StreamFilters } from './stream-query.ts';
import { StreamFilterBar } from './stream-filters.tsx';

export function StreamPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const key = writeFilters(filters).toString();
  const [nonce, setNonce] = useState(0);
  // the relative time range starts from when the filters (or a refresh) were set, so the query stays stable
  const query = useMemo(() => postsQuery(readFilters(new URLSearchParams(key)), new Date()), [key, nonce]);
  const list = useApi<PostList>('/api/posts', query);
  const [openId, setOpenId] = useState<string | null>(params.get('post'));
  useLiveRefresh(() => filters.page === 1 && setNonce((n) => n + 1), { minGapMs: 15_000 });

  const change = (next: StreamFilters) => {
    const p = writeFilters(next);
    setParams(p);
  };
  const open = (p: Post) => setOpenId(p.id);
  const data = list.data;
  const terms = data?.terms ?? [];

  return (
    <PageFrame title={t('nav.stream')} description={t('stream.description')}>
      <StreamFilterBar value={filters} onChange={change} />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <div data-testid="stream-state">
          <PageState
            what={t('stream.load')}
            loading={list.loading && !data}
            error={list.error}
            onRetry={list.reload}
            empty={data?.posts.length === 0}
            emptyText={t('stream.empty')}
          >
            {data && (
              <>
                <Typography.Text type="secondary" data-testid="stream-total">
                  {t('common.total', {
                    total: data.totalCapped ? `${data.total.toLocaleString('en-US')}+` : data.total,
                  })}
                </Typography.Text>
                <List
                  data-testid="stream-list"
                  dataSource={data.posts}
                  loading={list.loading}
                  renderItem={(p) => <PostItem key={p.id} post={p} terms={terms} onOpen={open} />}
                  pagination={{
                    current: filters.page,
                    pageSize: PAGE_SIZE,
                    total: data.total,
                    showSizeChanger: false,
                    onChange: (page) => change({ ...filters, page }),
                  }}
                />
              </>
            )}
          </PageState>
        </div>
      </Card>
      <PostDrawer postId={openId} terms={terms} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </PageFrame>
  );
}
