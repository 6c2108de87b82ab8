// One post in the stream: title and excerpt with the search terms highlighted (text nodes only), source, time,
// sentiment, places; a folded original shows how many copies it has and expands them on demand.
import { useState } from 'react';
import { Button, List, Space, Tag, Typography } from 'antd';
import type { Post, PostList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Highlight } from '../../components/highlight.tsx';
import { PageState } from '../../components/page-state.tsx';
import { SentimentTag } from '../../components/sentiment-tag.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';

const EXCERPT = 180;

export function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function PostLine({ post, terms, onOpen }: { post: Post; terms: readonly string[]; onOpen: (p: Post) => void }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  return (
    <div data-testid="post-item" data-post-id={post.id}>
      <Typography.Link onClick={() => onOpen(post)} strong data-testid="post-title">
        <Highlight text={post.title || excerpt(post.text, 40) || t('stream.untitled')} terms={terms} />
      </Typography.Link>
      <Typography.Paragraph style={{ margin: '4px 0' }} data-testid="post-excerpt">
        <Highlight text={excerpt(post.text)} terms={terms} />
      </Typography.Paragraph>
      <Space size={[4, 4]} wrap>
        <SentimentTag label={post.sentiment?.label} corrected={post.sentiment?.corrected} />
        {post.isOfficial && <Tag color="purple">{t('stream.official')}</Tag>}
        <Typography.Text type="secondary">{post.sourceName ?? post.sourceId}</Typography.Text>
        <Typography.Text type="secondary">{fmt(post.publishedAt)}</Typography.Text>
        {post.places.slice(0, 3).map((p) => (
          <Tag key={p}>{p}</Tag>
        ))}
      </Space>
    </div>
  );
}

function Copies({ id, terms, onOpen }: { id: string; terms: readonly string[]; onOpen: (p: Post) => void }) {
  const { t } = useI18n();
  const r = useApi<PostList>('/api/posts', { duplicateOf: id, fold: 'false', pageSize: 50 });
  return (
    <div style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12, marginTop: 8 }} data-testid="post-copies">
      <PageState
        what={t('stream.copiesLoad')}
        loading={r.loading}
        error={r.error}
        onRetry={r.reload}
        empty={r.data?.posts.length === 0}
      >
        {r.data?.posts.map((p) => (
          <div key={p.id} style={{ marginBottom: 8 }}>
            <PostLine post={p} terms={terms} onOpen={onOpen} />
          </div>
        ))}
      </PageState>
    </div>
  );
}

export function PostItem({ post, terms, onOpen }: { post: Post; terms: readonly string[]; onOpen: (p: Post) => void }) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  return (
    <List.Item key={post.id} style={{ display: 'block' }}>
      <PostLine post={post} terms={terms} onOpen={onOpen} />
      {post.duplicates > 0 && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-expanded={expanded}
          onClick={() => setExpanded((x) => !x)}
          data-testid="copies-toggle"
        >
          {expanded ? t('stream.hideCopies') : t('stream.copies', { count: post.duplicates })}
        </Button>
      )}
      {expanded && <Copies id={post.id} terms={terms} onOpen={onOpen} />}
    </List.Item>
  );
}
