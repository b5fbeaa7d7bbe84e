// "지금 조건에 맞는 N건에도 보내기": sending once to the records that already match a rule (enrolments.*), with the
// run's progress while the worker pages through the partition, what became of the records once it is done, and
// "건너뛴 N건 다시 보내기" for the cooldown and frequency-cap skips. Offered in the rule's detail, and as a toast
// right after a rule is created or switched on.
import { ENROLMENT_OUTCOMES, enrolmentProgress, type EnrolmentTally } from '@alimflow/automation-core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, RotateCcw, Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useTRPC, useTRPCClient } from '@/lib/trpc';

type RuleRef = { id: string; name: string; isActive: boolean; triggerType: string };

const offerable = (link: RuleRef) => link.isActive && link.triggerType !== 'manual';

function useStartEnrolment() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('results');
  const { t: tRoot } = useTranslation();
  return useMutation(
    trpc.enrolments.start.mutationOptions({
      onSuccess: (run) => queryClient.setQueryData(trpc.enrolments.latest.queryKey({ linkId: run.linkId }), run),
      onError: (error) => toast.error(t('enrol.startFailed', { reason: describeError(error, tRoot) })),
    }),
  );
}

/**
 * After a create or a switch-on: how many records match now, with a button to send to them too. The toast outlives
 * the builder that raised it, so its button calls the client directly rather than a hook of the closed form.
 */
export function useEnrolmentOffer() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('results');
  const { t: tRoot } = useTranslation();
  return async (link: RuleRef) => {
    if (!offerable(link)) return;
    const preview = await queryClient.fetchQuery(trpc.templateLinks.preview.queryOptions({ linkId: link.id })).catch(() => null);
    if (!preview || preview.matching === 0) return;
    const n = formatNumber(preview.matching, i18n.resolvedLanguage);
    toast(t('enrol.offer', { name: link.name, n }), {
      duration: 20_000,
      action: {
        label: t('enrol.offerAction', { n }),
        onClick: () =>
          void client.enrolments.start.mutate({ linkId: link.id }).then(
            (run) => {
              queryClient.setQueryData(trpc.enrolments.latest.queryKey({ linkId: run.linkId }), run);
              toast.success(t('enrol.started', { name: link.name }));
            },
            (error: unknown) => toast.error(t('enrol.startFailed', { reason: describeError(error, tRoot) })),
          ),
      },
    });
  };
}

/** "보냄 12 · 대기 3 · 쿨다운 2 · …": the outcomes the run met, in the core's order, zeros left out. */
function TallyLine({ tally, lang }: { tally: EnrolmentTally; lang: string | undefined }) {
  const { t } = useTranslation('results');
  const parts = ENROLMENT_OUTCOMES.filter((o) => tally[o] > 0).map((o) => t(`enrol.outcome.${o}`, { n: formatNumber(tally[o], lang) }));
  if (parts.length === 0) return null;
  return <p aria-label={t('enrol.tallyLabel')}>{parts.join(' · ')}</p>;
}

export function EnrolmentSection({ link, canEdit }: { link: RuleRef; canEdit: boolean }) {
  const { t, i18n } = useTranslation('results');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const lang = i18n.resolvedLanguage;
  const latest = useQuery(
    trpc.enrolments.latest.queryOptions({ linkId: link.id }, { refetchInterval: (q) => (q.state.data?.status === 'running' ? 1_000 : false) }),
  );
  const preview = useQuery({ ...trpc.templateLinks.preview.queryOptions({ linkId: link.id }), enabled: canEdit && offerable(link) });
  const start = useStartEnrolment();
  const run = latest.data;
  const running = run?.status === 'running';
  const n = (value: number) => formatNumber(value, lang);
  const figures = run ? { considered: n(run.considered), total: n(run.total), sent: n(run.sent), skipped: n(run.skipped) } : null;
  // The only way a run fails is its rule going away; the server's sentence is English, so the SPA says it.
  const failure = run?.status === 'failed' ? t('enrol.ruleGone') : '';

  if (link.triggerType === 'manual') return null;
  return (
    <section aria-labelledby="rule-enrolment" className="space-y-3">
      <h3 id="rule-enrolment" className="text-sm font-semibold">
        {t('enrol.title')}
      </h3>
      <p className="text-xs text-muted-foreground">{t('enrol.hint')}</p>
      {run && figures && (
        <div className="space-y-2 rounded-md border p-3 text-sm" aria-live="polite">
          {running && (
            <div
              role="progressbar"
              aria-label={t('enrol.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(100 * enrolmentProgress(run.considered, run.total))}
              className="h-2 overflow-hidden rounded bg-muted"
            >
              <div className="h-full bg-primary transition-all" style={{ width: `${100 * enrolmentProgress(run.considered, run.total)}%` }} />
            </div>
          )}
          {run.retryOfId && <p className="text-xs text-muted-foreground">{t('enrol.retryTitle')}</p>}
          <p>{t(running ? 'enrol.running' : run.status === 'done' ? 'enrol.done' : 'enrol.failed', { ...figures, error: failure })}</p>
          {!running && <TallyLine tally={run.tally} lang={lang} />}
          {running && run.errorCode === 'server_error' && <p className="text-amber-900">{t('enrol.retrying')}</p>}
        </div>
      )}
      {canEdit && link.isActive && run && !running && run.retryable > 0 && (
        <div className="space-y-1">
          <Button size="sm" variant="outline" pending={start.isPending} onClick={() => start.mutate({ linkId: link.id, retrySkipped: true })}>
            <RotateCcw aria-hidden="true" />
            {t('enrol.retry', { n: n(run.retryable) })}
          </Button>
          <p className="text-xs text-muted-foreground">{t('enrol.retryHint')}</p>
        </div>
      )}
      {canEdit && !running && (
        !link.isActive ? (
          <p className="text-sm text-muted-foreground">{t('enrol.turnOnFirst')}</p>
        ) : preview.isError ? (
          <Alert variant="destructive">
            <AlertTriangle aria-hidden="true" />
            <span>{t('enrol.startFailed', { reason: describeError(preview.error, tRoot) })}</span>
          </Alert>
        ) : preview.data?.matching === 0 ? (
          <p className="text-sm text-muted-foreground">{t('enrol.noneMatching')}</p>
        ) : (
          <Button size="sm" variant="outline" disabled={!preview.data} pending={start.isPending} onClick={() => start.mutate({ linkId: link.id })}>
            <Send aria-hidden="true" />
            {t('enrol.start', { n: preview.data ? n(preview.data.matching) : '…' })}
          </Button>
        )
      )}
    </section>
  );
}
