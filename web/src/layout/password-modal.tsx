// 修改密码: the signed-in person changes their own password (current, new, repeat); other sessions end.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../api/auth.api.ts';
import { useAction } from '../api/use-action.ts';
import { ApiError } from '../api/api-error.ts';
import { useI18n } from '../i18n/locale-context.tsx';

interface PasswordForm {
  current: string;
  next: string;
  repeat: string;
}

export function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { busy, run } = useAction();
  const [form] = Form.useForm<PasswordForm>();
  const [serverError, setServerError] = useState<string>();
  const close = () => {
    setServerError(undefined);
    form.resetFields();
    onClose();
  };
  const submit = (v: PasswordForm) =>
    void run(t('password.title'), async () => {
      setServerError(undefined);
      try {
        await changePassword(v.current, v.next);
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) setServerError(e.message);
        throw e;
      }
      close();
      return t('password.changed');
    });
  return (
    <Modal
      open={open}
      title={t('password.title')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('password.hint')}</Typography.Paragraph>
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="current" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('password.next')}
          rules={[{ required: true }, { min: 10, message: t('password.tooShort') }, { max: 200 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['next']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {serverError && <Alert type="error" showIcon data-testid="password-error" title={serverError} />}
    </Modal>
  );
}
