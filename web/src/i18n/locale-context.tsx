// React side of i18n: holds the locale, persists it in localStorage, and re-renders on a switch.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  DEFAULT_LOCALE,
  isLocale,
  setCurrentLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from './i18n.ts';

export const LOCALE_STORAGE_KEY = 'tingfeng.locale';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = readStoredLocale();
    setCurrentLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    setCurrentLocale(l);
    setLocaleState(l);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, l);
    } catch {
      // storage unavailable (private mode): the choice lasts for this visit only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n must be used inside <LocaleProvider>');
  return v;
}
