// 1. 템플릿: which approved template the rule sends, with its text, and a sync from the provider.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, RefreshCw } from 'lucide-react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { Template } from '../api-types';
import { TemplateStatusBadge } from '../badges';
import type { RuleFormValues } from '../draft';
import { TemplateContent } from '../template-content';
import { BuilderSection, FieldError } from './form-bits';

export function TemplateSection({
  ids,
  templates,
  template,
}: {
  ids: string;
  templates: Template[];
  template: Template | undefined;
}) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { control, formState } = useFormContext<RuleFormValues>();
  const { errors } = formState;
  const sync = useMutation(
    trpc.templates.sync.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          t('toast.synced', { total: result.total, created: result.created, updated: result.updated }),
        );
        await queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey() });
      },
      onError: (error) => toast.error(t('toast.syncFailed', { reason: describeError(error, tRoot) })),
    }),
  );

  return (
    <BuilderSection index={1} id={`${ids}-s1`} title={t('builder.sections.template')}>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1 grid gap-2 content-start">
          <Label id={`${ids}-template-label`}>{t('builder.template.label')}</Label>
          <Controller
            control={control}
            name="templateId"
            render={({ field }) => (
              <Select value={field.value || undefined} onValueChange={field.onChange}>
                <SelectTrigger
                  ref={field.ref}
                  className="w-full"
                  aria-labelledby={`${ids}-template-label`}
                  aria-invalid={errors.templateId ? true : undefined}
                  aria-describedby={errors.templateId ? `${ids}-template-error` : undefined}
                >
                  <SelectValue placeholder={t('builder.template.placeholder')} />
                </SelectTrigger>
                <SelectContent>
                  {templates.map((tpl) => (
                    <SelectItem key={tpl.id} value={tpl.id}>
                      {tpl.name} ({tpl.templateCode})
                      {tpl.sendable ? '' : ` · ${t(`templateStatus.${tpl.status}`)}`}
                      {tpl.isCurrentSender ? '' : ` · ${t('builder.template.otherSender')}`}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </div>
        <Button
          type="button"
          variant="outline"
          pending={sync.isPending}
          onClick={() => sync.mutate()}
          aria-describedby={`${ids}-sync-hint`}
        >
          {!sync.isPending && <RefreshCw aria-hidden="true" />}
          {t('builder.template.sync')}
        </Button>
      </div>
      <p id={`${ids}-sync-hint`} className="text-xs text-muted-foreground">
        {templates.length === 0 ? t('builder.template.none') : t('builder.template.syncHint')}
      </p>
      <FieldError message={errors.templateId?.message} id={`${ids}-template-error`} />
      {template && (
        <div className="grid gap-2 content-start">
          <div className="flex items-center gap-2">
            <span id={`${ids}-content-label`} className="text-sm font-medium">
              {t('builder.template.content')}
            </span>
            <TemplateStatusBadge status={template.status} />
          </div>
          {!template.sendable && (
            <Alert variant="warning">
              <AlertTriangle aria-hidden="true" />
              <span>{t('templateNotApproved')}</span>
            </Alert>
          )}
          <TemplateContent content={template.content} aria-labelledby={`${ids}-content-label`} />
          {template.variables.length > 0 && (
            <p className="text-xs text-muted-foreground">{t('builder.template.variablesHint')}</p>
          )}
        </div>
      )}
    </BuilderSection>
  );
}
