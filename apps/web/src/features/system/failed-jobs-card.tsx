// Permanently failed jobs of this org, each with "retry" and "discard" behind a confirmation.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RotateCcw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { RelativeTime } from '@/components/relative-time';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import type { FailedJobItem, SystemOverview } from './api-types';
import { taskLabel } from './task-label';

type Action = { kind: 'retry' | 'discard'; job: FailedJobItem };

export function FailedJobsCard({ failedJobs }: { failedJobs: SystemOverview['failedJobs'] }) {
  const { t, i18n } = useTranslation('system');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const settle = async () => {
    setAction(null);
    await queryClient.invalidateQueries(trpc.system.pathFilter());
  };
  const onError = (error: unknown) => toast.error(describeError(error, tc));
  const retry = useMutation(trpc.system.retryJob.mutationOptions({ onSuccess: ({ id }) => toast.success(t('jobs.retried', { id })), onError, onSettled: settle }));
  const discard = useMutation(trpc.system.discardJob.mutationOptions({ onSuccess: ({ id }) => toast.success(t('jobs.discarded', { id })), onError, onSettled: settle }));
  const pending = retry.isPending || discard.isPending;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t('jobs.title')}</h2>
        </CardTitle>
        <CardDescription>{t('jobs.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {failedJobs.jobs.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('jobs.empty')}</p>
        ) : (
          <Table aria-label={t('jobs.title')}>
            <TableHeader>
              <TableRow>
                <TableHead>{t('jobs.id')}</TableHead>
                <TableHead>{t('jobs.task')}</TableHead>
                <TableHead className="text-right">{t('jobs.attempts')}</TableHead>
                <TableHead>{t('jobs.error')}</TableHead>
                <TableHead>{t('jobs.failedAt')}</TableHead>
                <TableHead className="sr-only">{t('jobs.actions')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {failedJobs.jobs.map((job) => (
                <TableRow key={job.id}>
                  <TableCell className="font-mono text-xs">{job.id}</TableCell>
                  <TableCell>
                    <div>{taskLabel(job.task, t)}</div>
                    <div className="font-mono text-[11px] text-muted-foreground">{job.task}</div>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatNumber(job.attempts, lang)}</TableCell>
                  <TableCell className="max-w-80 truncate text-sm" title={job.lastError ?? undefined}>
                    {job.lastError ?? '—'}
                  </TableCell>
                  <TableCell>
                    <RelativeTime value={job.failedAt} />
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-2">
                      <Button size="sm" variant="outline" aria-label={t('jobs.retryLabel', { id: job.id })} onClick={() => setAction({ kind: 'retry', job })}>
                        <RotateCcw aria-hidden /> {t('jobs.retry')}
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={t('jobs.discardLabel', { id: job.id })} onClick={() => setAction({ kind: 'discard', job })}>
                        <Trash2 aria-hidden /> {t('jobs.discard')}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {failedJobs.otherFailed > 0 && <p className="text-sm text-muted-foreground">{t('jobs.others', { count: failedJobs.otherFailed })}</p>}
      </CardContent>
      {action && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setAction(null)}
          title={t(action.kind === 'retry' ? 'jobs.retryTitle' : 'jobs.discardTitle')}
          description={t(action.kind === 'retry' ? 'jobs.retryBody' : 'jobs.discardBody', { id: action.job.id, task: taskLabel(action.job.task, t) })}
          confirmLabel={t(action.kind === 'retry' ? 'jobs.retry' : 'jobs.discard')}
          cancelLabel={t('jobs.cancel')}
          destructive={action.kind === 'discard'}
          pending={pending}
          onConfirm={() => (action.kind === 'retry' ? retry : discard).mutate({ id: action.job.id })}
        />
      )}
    </Card>
  );
}
