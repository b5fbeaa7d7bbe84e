// sendLogs.retry: failed sends → new pending sends (the failures stay in the history).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

export function useRetrySendLogs(onDone?: () => void) {
  const { t } = useTranslation('logs');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.sendLogs.retry.mutationOptions({
      onSuccess: (result) => {
        const texted = result.results.filter((r) => r.outcome === 'fallback_sent').length;
        const awaiting = result.results.filter((r) => r.outcome === 'fallback_pending').length;
        const skipped = result.results.length - result.queued - texted - awaiting;
        // Sends whose text fallback went out (or may still) stay out: the person has, or may get, the message.
        const notes = [
          texted > 0 ? t('actions.retryFallbackSent', { count: texted }) : null,
          awaiting > 0 ? t('actions.retryFallbackPending', { count: awaiting }) : null,
        ].filter((n): n is string => n !== null);
        const description = notes.length ? notes.join(' ') : undefined;
        if (result.queued === 0) toast.info(t('actions.retryNothing'), { description });
        else if (skipped > 0) toast.success(t('actions.retriedPartly', { queued: result.queued, skipped }), { description });
        else toast.success(t('actions.retried', { count: result.queued }), { description });
        onDone?.();
      },
      onError: (error) => toast.error(describeError(error, tc)),
      onSettled: () => queryClient.invalidateQueries(trpc.sendLogs.pathFilter()),
    }),
  );
  return { ...retry, mutate: (ids: string[]) => retry.mutate({ ids }) };
}
