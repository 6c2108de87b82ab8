// Message lookup: `translate(locale, key, params)` is pure; `t(key)` uses the current locale.
import { zhCN, type MessageKey } from './zh-CN.ts';
import { enUS } from './en-US.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export type MessageParams = Record<string, string | number>;

/** Looks up `key` in `locale` and fills `{name}` placeholders from `params` (missing ones stay as written). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

let current: Locale = DEFAULT_LOCALE;

/** Sets the locale used by `t`; the React provider calls this when the user switches language. */
export function setCurrentLocale(locale: Locale): void {
  current = locale;
}

export function currentLocale(): Locale {
  return current;
}

/** Translates with the current locale. Inside components prefer `useI18n().t`, which re-renders on a switch. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(current, key, params);
}
