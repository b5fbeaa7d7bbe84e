// Output types of the procedures these pages read, taken from the AppRouter type (no server code is imported).
import type { AppRouter } from '@alimflow/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;

export type SendLogItem = inferOutput<Api['sendLogs']['list']>['items'][number];
export type AutomationEventItem = inferOutput<Api['automationEvents']['list']>['items'][number];
export type RecordItem = inferOutput<Api['records']['list']>['items'][number];
export type RepeatItem = inferOutput<Api['repeats']['list']>['items'][number];
export type ApiTokenItem = inferOutput<Api['apiTokens']['list']>[number];
export type SettingsOutput = inferOutput<Api['settings']['get']>;
export type SendLogExportLabels = NonNullable<inferInput<Api['sendLogs']['export']>['labels']>;
