// Output type of system.overview, taken from the AppRouter type (no server code is imported).
import type { AppRouter } from '@alimflow/api';
import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

export type SystemOverview = inferOutput<TRPCOptionsProxy<AppRouter>['system']['overview']>;
export type FailedJobItem = SystemOverview['failedJobs']['jobs'][number];
