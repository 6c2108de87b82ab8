// Sign-in: labelled fields, Enter submits, the server's reason is shown; afterwards back to where the user was.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';
import { redirectTarget } from '../auth/require-auth.tsx';
import { ApiError, CLIENT_ERROR_CODES } from '../api/api-error.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { useI18n, type I18n } from '../i18n/locale-context.tsx';
import { PageFrameTitle } from './page-frame-title.tsx';

interface LoginForm {
  username: string;
  password: string;
}

function loginErrorText(e: unknown, t: I18n['t']): string {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 401) return t('login.badCredentials');
  if (e.status === 429) return t('login.rateLimited');
  if (e.code === CLIENT_ERROR_CODES.network) return t('error.network');
  return `${e.message} (${e.code})`;
}

export function LoginPage() {
  const { t } = useI18n();
  const { status, login } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const target = redirectTarget(params.get('from'));

  if (status === 'authenticated' && !busy) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username, values.password);
      void navigate(target, { replace: true });
    } catch (e) {
      setError(loginErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <PageFrameTitle title={t('login.title')} />
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <main style={{ width: '100%', maxWidth: 380 }}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('login.failed')}
              description={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<LoginForm> layout="vertical" name="login" onFinish={(v) => void onFinish(v)} requiredMark={false}>
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
