// 登记台账 from a post: POST /api/cases with origin 'post', the post, its event and places.
import { App as AntdApp, Form, Input, Modal } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { Case, Post } from '../../api/types.ts';
import { useI18n } from '../../i18n/locale-context.tsx';
import { excerpt } from './post-item.tsx';

interface RegisterForm {
  title: string;
  summary: string;
}

export function RegisterCaseModal({ post, open, onClose }: { post: Post; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RegisterForm>();
  const submit = async (v: RegisterForm) => {
    setBusy(true);
    try {
      const c = await api.post<Case>('/api/cases', {
        title: v.title.trim(),
        summary: v.summary.trim(),
        postIds: [post.id],
        ...(post.eventId ? { eventId: post.eventId } : {}),
        places: post.places.slice(0, 50),
        origin: 'post',
      });
      void message.success(t('register.done', { number: c.number }));
      onClose();
      void navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('register.failed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('register.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        name="register-case"
        initialValues={{
          title: (post.title || excerpt(post.text, 60)).slice(0, 300),
          summary: post.text.slice(0, 2000),
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('register.caseTitle')} name="title" rules={[{ required: true, max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('register.summary')} name="summary" rules={[{ max: 10000 }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
