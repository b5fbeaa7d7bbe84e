// 자동화: the rules (template links) that send AlimTalk messages when records are created or changed. The list
// filters by partition in the URL (?partition=…), a rule's details open in a side sheet (?rule=…), and the rule
// builder opens in a full-height sheet.
import { useQuery } from '@tanstack/react-query';
import { AlertCircle, Database, Plus, Workflow } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import type { Link } from '@/features/automations/api-types';
import { RuleBuilderSheet, type BuilderTarget } from '@/features/automations/rule-builder';
import { RuleDetailSheet } from '@/features/automations/rule-detail-sheet';
import { DeleteRuleDialog, TestSendDialog } from '@/features/automations/rule-dialogs';
import { RulesTable, type RuleActions } from '@/features/automations/rules-table';
import { useDeleteRule, useSetActive } from '@/features/automations/use-rule-mutations';
import { describeError } from '@/lib/errors';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

const ALL = 'all';

export default function AutomationsPage() {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const me = useCurrentUser();
  const canEdit = me.user.role === 'admin';
  const [params, setParams] = useSearchParams();

  const partitions = useQuery(trpc.partitions.list.queryOptions());
  const wanted = params.get('partition');
  // A stale or foreign id in a bookmark shows every rule rather than an error.
  const partitionId = wanted && partitions.data?.some((p) => p.id === wanted) ? wanted : undefined;
  const links = useQuery({ ...trpc.templateLinks.list.queryOptions(partitionId ? { partitionId } : undefined), enabled: partitions.isSuccess });
  const openRuleId = params.get('rule');

  const [builder, setBuilder] = useState<BuilderTarget | null>(null);
  const [testSendFor, setTestSendFor] = useState<Link | null>(null);
  const [deleteFor, setDeleteFor] = useState<Link | null>(null);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'rule' ? false : true },
    );

  const setActive = useSetActive();
  const deletion = useDeleteRule((link) => {
    setDeleteFor(null);
    if (openRuleId === link.id) setParam('rule', null);
  });

  const actions = useMemo<RuleActions>(
    () => ({
      canEdit,
      onOpen: (link) => setParam('rule', link.id),
      onEdit: (link) => setBuilder({ mode: 'edit', link }),
      onTestSend: (link) => setTestSendFor(link),
      onDelete: (link) => setDeleteFor(link),
      onToggle: (link, isActive) => setActive.mutate({ id: link.id, isActive }),
    }),
    // setParam and the mutation are stable enough for a render; rebuilding columns on every render is what we avoid.
    [canEdit, params],
  );

  const createButton = canEdit && (
    <Button onClick={() => setBuilder({ mode: 'create', partitionId })}>
      <Plus aria-hidden="true" />
      {t('actions.create')}
    </Button>
  );

  let body;
  if (partitions.isError || links.isError) {
    body = (
      <Alert variant="destructive" role="alert">
        <AlertCircle aria-hidden="true" />
        <div className="flex flex-1 flex-wrap items-center justify-between gap-2">
          <span>{t('list.loadFailed', { reason: describeError(partitions.error ?? links.error, tRoot) })}</span>
          <Button size="sm" variant="outline" onClick={() => void (partitions.isError ? partitions.refetch() : links.refetch())}>
            {t('actions.retry')}
          </Button>
        </div>
      </Alert>
    );
  } else if (!partitions.data || !links.data) {
    body = (
      <div className="space-y-2" role="status" aria-label={tRoot('common.loading')}>
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  } else if (partitions.data.length === 0) {
    body = (
      <EmptyState
        icon={Database}
        title={t('empty.noPartitionsTitle')}
        action={
          <Button asChild variant="outline">
            <RouterLink to="/records">{tRoot('nav.records')}</RouterLink>
          </Button>
        }
      >
        {t('empty.noPartitionsBody')}
      </EmptyState>
    );
  } else if (links.data.length === 0) {
    body = (
      <EmptyState icon={Workflow} title={partitionId ? t('empty.filteredTitle') : t('empty.title')} action={createButton || undefined}>
        {partitionId ? t('empty.filteredBody') : t('empty.body')}
      </EmptyState>
    );
  } else {
    body = <RulesTable links={links.data} partitions={partitions.data} showPartition={!partitionId} actions={actions} />;
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={createButton || undefined} />
      {!canEdit && <p className="text-sm text-muted-foreground">{t('list.memberNote')}</p>}
      {partitions.data && partitions.data.length > 1 && (
        <div className="flex flex-wrap items-center gap-2">
          <Label id="automations-partition-filter">{t('filter.partition')}</Label>
          <Select value={partitionId ?? ALL} onValueChange={(value) => setParam('partition', value === ALL ? null : value)}>
            <SelectTrigger size="sm" aria-labelledby="automations-partition-filter" className="min-w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('filter.allPartitions')}</SelectItem>
              {partitions.data.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      )}
      {body}

      <RuleBuilderSheet target={builder} onClose={() => setBuilder(null)} />
      <RuleDetailSheet
        linkId={openRuleId}
        canEdit={canEdit}
        onClose={() => setParam('rule', null)}
        onEdit={(link) => {
          setParam('rule', null);
          setBuilder({ mode: 'edit', link });
        }}
        onTestSend={(link) => setTestSendFor(link)}
      />
      <TestSendDialog link={testSendFor} onClose={() => setTestSendFor(null)} />
      <DeleteRuleDialog link={deleteFor} pending={deletion.isPending} onConfirm={deletion.remove} onClose={() => setDeleteFor(null)} />
    </>
  );
}
