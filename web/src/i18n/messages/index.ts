// All page dictionaries, merged into zh-CN.ts and en-US.ts.
import { commonEn, commonZh } from './common.ts';
import { overviewEn, overviewZh } from './overview.ts';
import { streamEn, streamZh } from './stream.ts';
import { eventsEn, eventsZh } from './events.ts';
import { alertsEn, alertsZh } from './alerts.ts';
import { casesEn, casesZh } from './cases.ts';
import { reportsEn, reportsZh } from './reports.ts';
import { sourcesEn, sourcesZh } from './sources.ts';
import { plansEn, plansZh } from './plans.ts';
import { settingsEn, settingsZh } from './settings.ts';
import { settingsConfigEn, settingsConfigZh } from './settings-config.ts';

export const pagesZh = {
  ...commonZh,
  ...overviewZh,
  ...streamZh,
  ...eventsZh,
  ...alertsZh,
  ...casesZh,
  ...reportsZh,
  ...sourcesZh,
  ...plansZh,
  ...settingsZh,
  ...settingsConfigZh,
} as const;
export const pagesEn = {
  ...commonEn,
  ...overviewEn,
  ...streamEn,
  ...eventsEn,
  ...alertsEn,
  ...casesEn,
  ...reportsEn,
  ...sourcesEn,
  ...plansEn,
  ...settingsEn,
  ...settingsConfigEn,
};
