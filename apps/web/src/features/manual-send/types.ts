// The manual-send API's shapes, inferred from the router type.
import type { AppRouter } from '@alimflow/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Api = TRPCOptionsProxy<AppRouter>;

export type ManualPreview = inferOutput<Api['alimtalk']['previewManual']>;
export type ManualInput = inferInput<Api['alimtalk']['previewManual']>;

/** Who a manual send goes to: the ticked rows, or every record the current search matches. */
export type ManualTargets = { kind: 'rows'; recordIds: string[] } | { kind: 'matching'; search: string; count: number };

export function targetsInput(targets: ManualTargets): Pick<ManualInput, 'recordIds' | 'matching'> {
  return targets.kind === 'rows' ? { recordIds: targets.recordIds } : { matching: targets.search ? { search: targets.search } : {} };
}

export function targetCount(targets: ManualTargets): number {
  return targets.kind === 'rows' ? targets.recordIds.length : targets.count;
}
