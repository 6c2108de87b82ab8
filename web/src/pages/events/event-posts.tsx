// The event's posts (GET /api/posts?eventId=…, copies folded), selectable for a split; a title opens the drawer.
import { useState } from 'react';
import { App as AntdApp, Button, Checkbox, List, Typography } from 'antd';
import type { Post, PostList } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { PostLine } from '../stream/post-item.tsx';
import { PostDrawer } from '../stream/post-drawer.tsx';

export function EventPosts({ eventId, onChanged }: { eventId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const { permissions } = useAuth();
  const [page, setPage] = useState(1);
  const r = useApi<PostList>('/api/posts', { eventId, fold: 'false', page, pageSize: 10 });
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canWrite = permissions.has('events:write');
  const split = async () => {
    setBusy(true);
    try {
      await api.post(`/api/events/${encodeURIComponent(eventId)}/split`, { postIds: selected });
      void message.success(t('event.splitDone'));
      setSelected([]);
      r.reload();
      onChanged();
    } catch (e) {
      void message.error(
        t('common.failed', {
          what: t('event.actionFailed'),
          message: e instanceof ApiError ? e.describe() : String(e),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  const toggle = (p: Post, on: boolean) => setSelected((s) => (on ? [...s, p.id] : s.filter((x) => x !== p.id)));
  return (
    <div data-testid="event-posts">
      {canWrite && (
        <div style={{ marginBottom: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => void split()}
            data-testid="event-split"
          >
            {t('event.split', { count: selected.length })}
          </Button>
          <Typography.Text type="secondary">{t('event.splitHint')}</Typography.Text>
        </div>
      )}
      <PageState
        what={t('event.postsLoad')}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
        empty={r.data?.posts.length === 0}
      >
        <List
          dataSource={r.data?.posts ?? []}
          pagination={{
            current: page,
            pageSize: 10,
            total: r.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            size: 'small',
          }}
          renderItem={(p) => (
            <List.Item key={p.id} style={{ alignItems: 'flex-start', gap: 8 }}>
              {canWrite && (
                <Checkbox
                  checked={selected.includes(p.id)}
                  onChange={(e) => toggle(p, e.target.checked)}
                  aria-label={p.title ?? p.id}
                />
              )}
              <div style={{ flex: 1, minWidth: 0 }}>
                <PostLine post={p} terms={[]} onOpen={(x) => setOpenId(x.id)} />
              </div>
            </List.Item>
          )}
        />
      </PageState>
      <PostDrawer postId={openId} terms={[]} onClose={() => setOpenId(null)} onChanged={r.reload} />
    </div>
  );
}
