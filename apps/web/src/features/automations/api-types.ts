// Types of the API this feature talks to, inferred from the router type: no server code reaches the bundle.
import type { AppRouter } from '@alimflow/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;

export type Link = inferOutput<Api['templateLinks']['list']>[number];
export type LinkCreateInput = inferInput<Api['templateLinks']['create']>;
export type PreviewInput = inferInput<Api['templateLinks']['preview']>;
export type Partition = inferOutput<Api['partitions']['list']>[number];
export type Template = inferOutput<Api['templates']['list']>[number];
export type AutomationEvent = inferOutput<Api['automationEvents']['list']>['items'][number];
