import { router } from '../trpc.ts';
import { alimtalkRouter } from './alimtalk.ts';
import { apiTokensRouter } from './api-tokens.ts';
import { authRouter } from './auth.ts';
import { automationEventsRouter } from './automation-events.ts';
import { partitionsRouter } from './partitions/index.ts';
import { repeatsRouter } from './repeats.ts';
import { sendLogsRouter } from './send-logs/index.ts';
import { settingsRouter } from './settings.ts';
import { templateLinksRouter } from './template-links/index.ts';
import { templatesRouter } from './templates.ts';
import { recordsRouter } from './records/index.ts';
import { accountRouter } from './account.ts';
import { importsRouter } from './imports/index.ts';
import { usersRouter } from './users/index.ts';
import { invitationsRouter } from './invitations.ts';
import { systemRouter } from './system.ts';
import { enrolmentsRouter } from './enrolments.ts';
import { ruleResultsRouter } from './rule-results.ts';
import { deliverySettingsRouter } from './delivery-settings/index.ts';

export const appRouter = router({
  auth: authRouter,
  partitions: partitionsRouter,
  templates: templatesRouter,
  templateLinks: templateLinksRouter,
  sendLogs: sendLogsRouter,
  automationEvents: automationEventsRouter,
  repeats: repeatsRouter,
  settings: settingsRouter,
  apiTokens: apiTokensRouter,
  records: recordsRouter,
  alimtalk: alimtalkRouter,
  users: usersRouter,
  invitations: invitationsRouter,
  account: accountRouter,
  imports: importsRouter,
  system: systemRouter,
  enrolments: enrolmentsRouter,
  ruleResults: ruleResultsRouter,
  deliverySettings: deliverySettingsRouter,
});

export type AppRouter = typeof appRouter;
