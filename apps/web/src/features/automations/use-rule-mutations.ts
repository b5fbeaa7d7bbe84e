// Turning a rule on/off (FR-09) and deleting it. The switch flips at once (optimistic) and flips back with a toast
// in words when the server says no (e.g. a rule whose fields no longer fit its partition cannot be turned on).
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { Link } from './api-types';
import { useEnrolmentOffer } from './enrolment-section';

export function useSetActive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const listKey = trpc.templateLinks.list.pathKey();
  const offerEnrolment = useEnrolmentOffer();

  return useMutation(
    trpc.templateLinks.setActive.mutationOptions({
      onMutate: async ({ id, isActive }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const snapshot: [QueryKey, Link[] | undefined][] = queryClient.getQueriesData<Link[]>({ queryKey: listKey });
        const name = snapshot.flatMap(([, links]) => links ?? []).find((l) => l.id === id)?.name ?? '';
        queryClient.setQueriesData<Link[]>({ queryKey: listKey }, (links) => links?.map((l) => (l.id === id ? { ...l, isActive } : l)));
        return { snapshot, name };
      },
      onError: (error, _vars, context) => {
        for (const [key, links] of context?.snapshot ?? []) queryClient.setQueryData(key, links);
        toast.error(t('toast.toggleFailed', { name: context?.name ?? '', reason: describeError(error, tRoot) }));
      },
      onSuccess: (link) => {
        if (link.isActive) {
          toast.success(t('toast.turnedOn', { name: link.name }));
          void offerEnrolment(link);
        }
        else if (link.cancelledRepeats > 0) toast.success(t('toast.turnedOffRepeats', { name: link.name, count: link.cancelledRepeats }));
        else toast.success(t('toast.turnedOff', { name: link.name }));
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.templateLinks.pathKey() }),
    }),
  );
}

export function useDeleteRule(onDeleted?: (link: Link) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const mutation = useMutation(trpc.templateLinks.delete.mutationOptions());
  return {
    isPending: mutation.isPending,
    remove: (link: Link) =>
      mutation.mutate(
        { id: link.id },
        {
          onSuccess: (result) => {
            toast.success(
              result.cancelledRepeats > 0
                ? t('toast.deletedRepeats', { name: link.name, count: result.cancelledRepeats })
                : t('toast.deleted', { name: link.name }),
            );
            onDeleted?.(link);
            void queryClient.invalidateQueries({ queryKey: trpc.templateLinks.pathKey() });
          },
          onError: (error) => toast.error(t('toast.deleteFailed', { name: link.name, reason: describeError(error, tRoot) })),
        },
      ),
  };
}
