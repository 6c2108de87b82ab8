/** Playbooks (应急预案), case tasks and releases (信息发布). */
import { z } from 'zod';
import { CaseTask } from './cases.ts';

const Within = z.object({
  amount: z.number().int().min(1).max(10_000),
  unit: z.enum(['hours', 'days', 'working_days']),
});

export const PlaybookStep = z.object({
  title: z.string().trim().min(1).max(300),
  /** Who does it: a role (e.g. duty_officer) and/or a unit. */
  role: z.enum(['admin', 'analyst', 'duty_officer', 'leader', 'unit_liaison']).optional(),
  unitId: z.string().min(1).max(100).optional(),
  /** Time limit from activation; hours, calendar days or working days (on the office's calendar). */
  within: Within.optional(),
});
export const Playbook = z.object({
  id: z.string(),
  name: z.string(),
  incidentType: z.string(),
  level: z.number(),
  steps: z.array(PlaybookStep),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type Playbook = z.infer<typeof Playbook>;
export const PlaybookBody = z.object({
  name: z.string().trim().min(1).max(100),
  incidentType: z.string().trim().min(1).max(50),
  level: z.number().int().min(1).max(4),
  steps: z.array(PlaybookStep).min(1).max(100),
  enabled: z.boolean().default(true),
});
export const PlaybookList = z.object({ playbooks: z.array(Playbook) });
export const ActivatePlaybookBody = z.object({ playbookId: z.string().min(1).max(100) });
export const ActivatePlaybookResult = z.object({
  caseId: z.string(),
  playbookId: z.string(),
  tasks: z.array(CaseTask),
});
export const TaskParams = z.object({ id: z.string().min(1).max(100), taskId: z.string().min(1).max(100) });

export const Release = z.object({
  id: z.string(),
  title: z.string(),
  channel: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string(),
  caseId: z.string().nullable(),
  eventId: z.string().nullable(),
  unitId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Release = z.infer<typeof Release>;
const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'must be an http(s) URL');
export const ReleaseBody = z.object({
  title: z.string().trim().min(1).max(300),
  /** Where it was published: website, weibo, wechat, douyin, news_release, message_board, hotline, … */
  channel: z.string().trim().min(1).max(50),
  url: httpUrl.optional(),
  publishedAt: z.iso.datetime({ offset: true }),
  caseId: z.string().max(100).optional(),
  eventId: z.string().max(100).optional(),
  unitId: z.string().max(100).optional(),
});
export const ReleaseQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export const ReleaseList = z.object({
  releases: z.array(Release),
  /** Count per month (office time zone, YYYY-MM) and channel. */
  monthly: z.array(z.object({ month: z.string(), channel: z.string(), count: z.number() })),
});
