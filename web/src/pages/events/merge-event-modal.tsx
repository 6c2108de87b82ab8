// 合并事件: pick another event (searched by title) and POST /api/events/:id/merge.
import { useState } from 'react';
import { App as AntdApp, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { EventList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

export function MergeEventModal({
  eventId,
  open,
  onClose,
  onMerged,
}: {
  eventId: string;
  open: boolean;
  onClose: () => void;
  onMerged: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<string>();
  const [busy, setBusy] = useState(false);
  const list = useApi<EventList>(open ? '/api/events' : '', { q: q || undefined, pageSize: 30 });
  const merge = async () => {
    if (!other) return;
    setBusy(true);
    try {
      await api.post(`/api/events/${encodeURIComponent(eventId)}/merge`, { otherEventId: other });
      void message.success(t('event.merged'));
      onMerged();
      onClose();
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
  return (
    <Modal
      open={open}
      title={t('event.merge')}
      onCancel={onClose}
      onOk={() => void merge()}
      okButtonProps={{ disabled: !other }}
      confirmLoading={busy}
      okText={t('event.merge')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <label htmlFor="tf-merge-pick">{t('event.mergePick')}</label>
      <Select
        id="tf-merge-pick"
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={other}
        onChange={setOther}
        loading={list.loading}
        style={{ width: '100%', marginTop: 8 }}
        options={(list.data?.events ?? [])
          .filter((e) => e.id !== eventId)
          .map((e) => ({ value: e.id, label: `${e.title} (${e.postCount})` }))}
        data-testid="merge-pick"
      />
    </Modal>
  );
}
