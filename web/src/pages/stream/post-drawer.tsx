// The post's detail drawer: full text (highlighted, as text), the analysis behind it — sentiment with its evidence
// words, plan terms hit, places and units, event, copies — and the actions: register a case, add to an event or
// take it out of its event, relabel.
import { useState, type ReactNode } from 'react';
import { Button, Descriptions, Drawer, Grid, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Post, PostList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Highlight } from '../../components/highlight.tsx';
import { PageState } from '../../components/page-state.tsx';
import { SafeLink } from '../../components/safe-link.tsx';
import { SentimentTag } from '../../components/sentiment-tag.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { RegisterCaseModal } from './register-case-modal.tsx';
import { RelabelForm } from './relabel-form.tsx';
import { EventMembershipActions } from './event-membership-actions.tsx';
import { excerpt } from './post-item.tsx';

function Tags({ items, color }: { items: readonly string[]; color?: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {items.map((x) => (
        <Tag key={x} color={color}>
          {x}
        </Tag>
      ))}
    </Space>
  );
}

function CopiesList({ post }: { post: Post }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const r = useApi<PostList>(post.duplicates > 0 ? '/api/posts' : '', {
    duplicateOf: post.id,
    fold: 'false',
    pageSize: 50,
  });
  if (post.duplicates === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <PageState what={t('stream.copiesLoad')} loading={r.loading} error={r.error} onRetry={r.reload}>
      <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="drawer-copies">
        {r.data?.posts.map((p) => (
          <li key={p.id}>
            {p.sourceName ?? p.sourceId} · {fmt(p.publishedAt)} · {excerpt(p.title || p.text, 40)}
          </li>
        ))}
      </ul>
    </PageState>
  );
}

function Analysis({ post }: { post: Post }) {
  const { t } = useI18n();
  const rows: { label: string; children: ReactNode }[] = [
    {
      label: t('stream.sentiment'),
      children: (
        <Space size={4} wrap>
          <SentimentTag label={post.sentiment?.label} corrected={post.sentiment?.corrected} />
          {post.sentiment && (
            <Typography.Text type="secondary">
              {t('drawer.sentimentScore', { score: post.sentiment.score.toFixed(2) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { label: t('drawer.evidence'), children: <Tags items={post.sentiment?.evidence ?? []} color="volcano" /> },
    {
      label: t('drawer.plans'),
      children:
        post.plans.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <div data-testid="drawer-plans">
            {post.plans.map((h) => (
              <div key={h.plan}>
                <Tag color="blue">{h.plan}</Tag>
                {h.terms.join('、')}
              </div>
            ))}
          </div>
        ),
    },
    { label: t('drawer.keywords'), children: <Tags items={post.keywords.slice(0, 12)} /> },
    { label: t('drawer.places'), children: <Tags items={post.places} color="green" /> },
    { label: t('drawer.units'), children: <Tags items={post.units} color="cyan" /> },
    {
      label: t('drawer.event'),
      children: post.eventId ? (
        <Link to={`/events/${encodeURIComponent(post.eventId)}`} data-testid="drawer-event-link">
          {t('drawer.openEvent')}
        </Link>
      ) : (
        <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
      ),
    },
  ];
  return <Descriptions column={1} size="small" bordered items={rows.map((r, i) => ({ key: i, ...r }))} />;
}

export function PostDrawer({
  postId,
  terms,
  onClose,
  onChanged,
}: {
  postId: string | null;
  terms: readonly string[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const screens = Grid.useBreakpoint();
  const [registering, setRegistering] = useState(false);
  const r = useApi<Post>(postId ? `/api/posts/${encodeURIComponent(postId)}` : '');
  const post = r.data?.id === postId ? r.data : undefined;
  return (
    <Drawer
      open={postId !== null}
      onClose={onClose}
      title={t('drawer.title')}
      size={screens.md ? 640 : '100%'}
      data-testid="post-drawer"
      destroyOnHidden
    >
      <PageState what={t('drawer.load')} loading={r.loading && !post} error={r.error} onRetry={r.reload}>
        {post && (
          <div style={{ display: 'grid', gap: 16 }}>
            <div>
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="drawer-post-title">
                <Highlight text={post.title || t('stream.untitled')} terms={terms} />
              </Typography.Title>
              <Space size={[8, 4]} wrap>
                <Typography.Text type="secondary">{post.sourceName ?? post.sourceId}</Typography.Text>
                {post.author && (
                  <Typography.Text type="secondary">
                    {t('drawer.author')}: {post.author}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">
                  {t('drawer.published', { time: fmt(post.publishedAt) })}
                </Typography.Text>
                <Typography.Text type="secondary">{t('drawer.fetched', { time: fmt(post.fetchedAt) })}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="drawer-post-text">
                <Highlight text={post.text} terms={terms} />
              </Typography.Paragraph>
              {post.url && (
                <div data-testid="drawer-post-url">
                  {t('drawer.link')}: <SafeLink url={post.url} />
                  {!/^https?:/i.test(post.url.trim()) && (
                    <Typography.Text type="secondary"> {t('drawer.unsafeLink')}</Typography.Text>
                  )}
                </div>
              )}
              {post.duplicateOf && (
                <div>
                  {t('stream.copyOf')}: <code>{post.duplicateOf}</code>
                </div>
              )}
            </div>
            <Space wrap>
              {permissions.has('cases:write') && (
                <Button type="primary" onClick={() => setRegistering(true)} data-testid="register-case">
                  {t('drawer.register')}
                </Button>
              )}
              {permissions.has('events:write') && (
                <EventMembershipActions
                  post={post}
                  onChanged={() => {
                    r.reload();
                    onChanged();
                  }}
                />
              )}
            </Space>
            <section aria-label={t('drawer.analysis')}>
              <Typography.Title level={5}>{t('drawer.analysis')}</Typography.Title>
              <Analysis post={post} />
            </section>
            <section aria-label={t('drawer.copies', { count: post.duplicates })}>
              <Typography.Title level={5}>{t('drawer.copies', { count: post.duplicates })}</Typography.Title>
              <CopiesList post={post} />
            </section>
            {permissions.has('posts:label') && (
              <section aria-label={t('drawer.relabel')}>
                <Typography.Title level={5}>{t('drawer.relabel')}</Typography.Title>
                <RelabelForm
                  post={post}
                  onSaved={() => {
                    r.reload();
                    onChanged();
                  }}
                />
              </section>
            )}
            <RegisterCaseModal post={post} open={registering} onClose={() => setRegistering(false)} />
          </div>
        )}
      </PageState>
    </Drawer>
  );
}
