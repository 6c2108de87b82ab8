// One button that switches between 中文 and English; the choice is kept in localStorage.
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/locale-context.tsx';

export function LanguageSwitch({ light }: { light?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={`${t('lang.switch')}: ${next === 'en-US' ? t('lang.en') : t('lang.zh')}`}
      lang={next}
      data-testid="language-switch"
      style={light ? { color: '#fff' } : undefined}
      onClick={() => setLocale(next)}
    >
      {next === 'en-US' ? t('lang.en') : t('lang.zh')}
    </Button>
  );
}
