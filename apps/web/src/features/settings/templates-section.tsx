// The org's AlimTalk templates as last synced from NHN, and the sync button (admins).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { EmptyState } from '@/components/empty-state';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { CARD_CELL, CARD_ROW } from '@/components/ui/data-table';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { cn } from '@/lib/utils';
import { useTRPC } from '@/lib/trpc';

const STATUS_VARIANT = { TSC01: 'warning', TSC02: 'warning', TSC03: 'success', TSC04: 'danger' } as const;

export function TemplatesSection({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const n = (value: number) => formatNumber(value, lang);

  const sync = useMutation(
    trpc.templates.sync.mutationOptions({
      onSuccess: async (result) => {
        toast.success(t('templates.synced', { total: n(result.total), created: n(result.created), updated: n(result.updated), unchanged: n(result.unchanged) }), {
          description: result.missingAtProvider.length ? t('templates.missingAtProvider', { codes: result.missingAtProvider.join(', ') }) : undefined,
        });
        await queryClient.invalidateQueries(trpc.templates.pathFilter());
      },
      onError: (error) => toast.error(describeError(error, tc)),
    }),
  );

  const rows = templates.data ?? [];
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="space-y-1.5">
          <CardTitle>
            <h2 className="text-base">{t('templates.title')}</h2>
          </CardTitle>
          <CardDescription>{t('templates.description')}</CardDescription>
        </div>
        {canEdit && (
          <Button variant="outline" pending={sync.isPending} onClick={() => sync.mutate()}>
            {!sync.isPending && <RefreshCw aria-hidden="true" />}
            {sync.isPending ? t('templates.syncing') : t('templates.sync')}
          </Button>
        )}
      </CardHeader>
      <CardContent>
        {templates.isPending ? (
          <div className="space-y-2" aria-busy="true">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : templates.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {t('templates.loadFailed')}: {describeError(templates.error, tc)}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={FileText}
            title={t('templates.emptyTitle')}
            className="py-10"
            action={
              canEdit ? (
                <Button pending={sync.isPending} onClick={() => sync.mutate()}>
                  {t('templates.sync')}
                </Button>
              ) : undefined
            }
          >
            {canEdit ? t('templates.emptyBody') : t('templates.emptyBodyMember')}
          </EmptyState>
        ) : (
          <div className="rounded-lg border">
            {/* Below md each template is a card, like DataTable rows, so no column is cut off on a phone. */}
            <Table role="table" aria-label={t('templates.tableLabel')} className="max-md:block">
              <TableHeader role="rowgroup" className="max-md:sr-only">
                <TableRow role="row">
                  <TableHead role="columnheader" className="px-3">{t('templates.code')}</TableHead>
                  <TableHead role="columnheader" className="px-3">{t('templates.name')}</TableHead>
                  <TableHead role="columnheader" className="px-3">{t('templates.status')}</TableHead>
                  <TableHead role="columnheader" className="px-3">{t('templates.variables')}</TableHead>
                  <TableHead role="columnheader" className="px-3">{t('templates.links')}</TableHead>
                  <TableHead role="columnheader" className="px-3">{t('templates.syncedAt')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody role="rowgroup" className="max-md:block">
                {rows.map((tpl) => (
                  <TableRow key={tpl.id} role="row" className={cn(CARD_ROW, !tpl.isCurrentSender && 'text-muted-foreground')}>
                    <TableCell role="cell" data-label={t('templates.code')} className={cn('px-3 font-mono text-xs', CARD_CELL)}>{tpl.templateCode}</TableCell>
                    <TableCell role="cell" data-label={t('templates.name')} className={cn('px-3 whitespace-normal', CARD_CELL)}>
                      {tpl.name}
                      {!tpl.isCurrentSender && (
                        <Badge variant="muted" className="ml-2">
                          {t('templates.otherSender')}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell role="cell" data-label={t('templates.status')} className={cn('px-3', CARD_CELL)}>
                      <Badge variant={STATUS_VARIANT[tpl.status]}>{t(`templates.statusName.${tpl.status}`)}</Badge>
                    </TableCell>
                    <TableCell role="cell" data-label={t('templates.variables')} className={cn('px-3 whitespace-normal', CARD_CELL)}>
                      {tpl.variables.length === 0 ? (
                        <span className="text-muted-foreground">{t('templates.noVariables')}</span>
                      ) : (
                        <span className="flex flex-wrap gap-1">
                          {tpl.variables.map((v) => (
                            <Badge key={v} variant="outline" className="font-normal">
                              {`#{${v}}`}
                            </Badge>
                          ))}
                        </span>
                      )}
                    </TableCell>
                    <TableCell role="cell" data-label={t('templates.links')} className={cn('px-3 tabular-nums', CARD_CELL)}>{n(tpl.linkCount)}</TableCell>
                    <TableCell role="cell" data-label={t('templates.syncedAt')} className={cn('px-3', CARD_CELL)}>{tpl.syncedAt ? <RelativeTime value={tpl.syncedAt} /> : t('templates.never')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
