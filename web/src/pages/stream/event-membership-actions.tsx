// 归入事件 / 移出事件 in the post drawer: pick an event by title and POST /api/events/:id/posts, or take the post out
// of its event (DELETE /api/events/:id/posts/:postId). Copies of the post go along unless unticked.
import { useState } from 'react';
import { Button, Checkbox, Modal, Popconfirm, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { EventList, Post } from '../../api/types.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

function AddToEventModal({
  post,
  open,
  onClose,
  onDone,
}: {
  post: Post;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { busy, run } = useAction();
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<string>();
  const [withCopies, setWithCopies] = useState(true);
  const list = useApi<EventList>(open ? '/api/events' : '', { q: q || undefined, pageSize: 30 });
  const add = async () => {
    if (!target) return;
    const ok = await run(t('drawer.eventActionFailed'), async () => {
      await api.post(`/api/events/${encodeURIComponent(target)}/posts`, { postId: post.id, withCopies });
      return t('drawer.addedToEvent');
    });
    if (ok) {
      onDone();
      onClose();
    }
  };
  return (
    <Modal
      open={open}
      title={t('drawer.addToEventTitle')}
      onCancel={onClose}
      onOk={() => void add()}
      okButtonProps={{ disabled: !target }}
      confirmLoading={busy}
      okText={t('drawer.addToEvent')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <label htmlFor="tf-event-pick">{t('drawer.pickEvent')}</label>
      <Select
        id="tf-event-pick"
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={target}
        onChange={setTarget}
        loading={list.loading}
        style={{ width: '100%', marginTop: 8 }}
        options={(list.data?.events ?? [])
          .filter((e) => e.id !== post.eventId)
          .map((e) => ({ value: e.id, label: `${e.title} (${e.postCount})` }))}
        data-testid="event-pick"
      />
      {post.duplicates > 0 && (
        <Checkbox checked={withCopies} onChange={(e) => setWithCopies(e.target.checked)} style={{ marginTop: 12 }}>
          {t('drawer.withCopies')}
        </Checkbox>
      )}
    </Modal>
  );
}

export function EventMembershipActions({ post, onChanged }: { post: Post; onChanged: () => void }) {
  const { t } = useI18n();
  const { busy, run } = useAction();
  const [adding, setAdding] = useState(false);
  const remove = async () => {
    if (!post.eventId) return;
    const eventId = post.eventId;
    const ok = await run(t('drawer.eventActionFailed'), async () => {
      await api.delete(`/api/events/${encodeURIComponent(eventId)}/posts/${encodeURIComponent(post.id)}`);
      return t('drawer.removedFromEvent');
    });
    if (ok) onChanged();
  };
  return (
    <>
      <Button onClick={() => setAdding(true)} data-testid="add-to-event">
        {t('drawer.addToEvent')}
      </Button>
      {post.eventId && (
        <Popconfirm
          title={t('drawer.removeConfirm')}
          onConfirm={() => void remove()}
          okText={t('drawer.removeFromEvent')}
          cancelText={t('common.cancel')}
        >
          <Button danger loading={busy} data-testid="remove-from-event">
            {t('drawer.removeFromEvent')}
          </Button>
        </Popconfirm>
      )}
      <AddToEventModal post={post} open={adding} onClose={() => setAdding(false)} onDone={onChanged} />
    </>
  );
}
