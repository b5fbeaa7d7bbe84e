// The rule form: react-hook-form holds the draft, the zod schema (form-schema.ts) checks it with automation-core's
// rules, and the server's own refusals land next to the fields. Each numbered section is its own component.
import type { FieldDefinition } from '@alimflow/automation-core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useEnrolmentOffer } from '../enrolment-section';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SheetClose } from '@/components/ui/sheet';
import { describeError, serverFieldErrors } from '@/lib/errors';
import { errorCode, useTRPC } from '@/lib/trpc';
import type { Link, Partition, Template } from '../api-types';
import { autoMapVariables, linkToValues, newRuleValues, valuesToInput, type RuleFormValues } from '../draft';
import { ruleFormSchema, type RuleSchemaContext } from '../form-schema';
import { RulePreview } from '../rule-preview';
import { CooldownSection } from './cooldown-section';
import { SendWindowSection } from './send-window-section';
import { DuplicateRuleWarning } from './duplicate-warning';
import { FallbackSection } from './fallback-section';
import { BuilderSection, FieldError } from './form-bits';
import { RepeatSection } from './repeat-section';
import { TargetSection } from './target-section';
import { TemplateSection } from './template-section';
import { TriggerSection } from './trigger-section';

export type BuilderTarget = { mode: 'create'; partitionId?: string } | { mode: 'edit'; link: Link };

/** Server field names → the form field that shows the message. */
const SERVER_FIELDS: Record<string, FieldPath<RuleFormValues>> = {
  name: 'name',
  templateId: 'templateId',
  partitionId: 'partitionId',
  recipientField: 'recipientField',
  triggerCondition: 'condition',
  cooldownHours: 'cooldownHours',
  triggerType: 'triggerType',
  fireOn: 'fireOn',
  fallback: 'fallbackSendNo',
};

export interface RuleFormProps {
  target: BuilderTarget;
  partitions: Partition[];
  templates: Template[];
  onDone: () => void;
  /** Whether the draft differs from what the form started with, so closing can ask first. */
  onDirtyChange: (dirty: boolean) => void;
}

export function RuleForm({ target, partitions, templates, onDone, onDirtyChange }: RuleFormProps) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const editing = target.mode === 'edit' ? target.link : null;
  const [serverProblem, setServerProblem] = useState<{ title: string; details: string[] } | null>(null);
  const topRef = useRef<HTMLDivElement>(null);

  const initial = useMemo<RuleFormValues>(() => {
    if (editing) {
      const partition = partitions.find((p) => p.id === editing.partitionId);
      const template = templates.find((tpl) => tpl.id === editing.templateId);
      return linkToValues(editing, template?.variables, partition?.fields ?? []);
    }
    const wanted = target.mode === 'create' ? target.partitionId : undefined;
    return newRuleValues(partitions.find((p) => p.id === wanted) ?? partitions[0]);
    // Only the values the form starts with; later data changes must not reset what the admin typed.
  }, []);

  const schemaContext = useRef<RuleSchemaContext>({ fields: [], templateContent: undefined });
  const resolver = useMemo<Resolver<RuleFormValues>>(
    () => (values, context, options) =>
      (zodResolver(ruleFormSchema(schemaContext.current)) as unknown as Resolver<RuleFormValues>)(
        values,
        context,
        options,
      ),
    [],
  );
  const form = useForm<RuleFormValues>({
    defaultValues: initial,
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, setValue, getValues, formState } = form;
  const { errors, isSubmitted, isDirty } = formState;
  const values = form.watch();

  const partition = partitions.find((p) => p.id === values.partitionId);
  const fields: FieldDefinition[] = useMemo(() => partition?.fields ?? [], [partition]);
  const template = templates.find((tpl) => tpl.id === values.templateId);
  schemaContext.current = { fields, templateContent: template?.content };

  useEffect(() => onDirtyChange(isDirty), [isDirty]);
  // The first thing to fill in, for keyboard and screen-reader users too.
  useEffect(() => form.setFocus('name'), []);

  // One mapping row per template variable, pre-filled by matching names; kept mappings survive a template switch.
  const variablesKey = template ? template.variables.join('\u0000') : '';
  useEffect(() => {
    if (!template) return;
    setValue('mappings', autoMapVariables(template.variables, fields, getValues('mappings')), {
      shouldValidate: isSubmitted,
    });
  }, [variablesKey, fields]);

  const offerEnrolment = useEnrolmentOffer();
  const onSaved = async (link: { id: string; name: string; isActive: boolean; triggerType: string }) => {
    toast.success(t('toast.saved', { name: link.name }));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.templateLinks.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.partitions.list.queryKey() }),
    ]);
    onDone();
    if (target.mode === 'create') void offerEnrolment(link);
  };
  const onSaveError = (error: unknown) => {
    if (errorCode(error) === 'CONFLICT') {
      form.setError('name', { type: 'server', message: 'builder.errors.nameTaken' }, { shouldFocus: true });
      return;
    }
    const fieldErrors = serverFieldErrors(error);
    const unplaced: string[] = [];
    for (const [key, messages] of Object.entries(fieldErrors)) {
      const target = SERVER_FIELDS[key];
      if (target) form.setError(target, { type: 'server', message: messages[0] });
      else unplaced.push(...messages.map((m) => `${key}: ${m}`));
    }
    if (Object.keys(fieldErrors).length === 0 || unplaced.length > 0) {
      setServerProblem({
        title: t('builder.errors.server'),
        details: unplaced.length > 0 ? unplaced : [describeError(error, tRoot)],
      });
      topRef.current?.scrollIntoView({ block: 'start' });
    }
  };
  const create = useMutation(
    trpc.templateLinks.create.mutationOptions({ onSuccess: onSaved, onError: onSaveError }),
  );
  const update = useMutation(
    trpc.templateLinks.update.mutationOptions({ onSuccess: onSaved, onError: onSaveError }),
  );
  const saving = create.isPending || update.isPending;

  const onSubmit = (submitted: RuleFormValues) => {
    setServerProblem(null);
    const input = valuesToInput(submitted, fields);
    if (editing) {
      // The partition cannot change, and on/off belongs to the list's switch.
      const { partitionId: _partitionId, isActive: _isActive, ...changes } = input;
      update.mutate({ id: editing.id, ...changes });
    } else {
      create.mutate(input);
    }
  };
  const onInvalid = () => topRef.current?.scrollIntoView({ block: 'start' });
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={editing ? t('builder.editTitle', { name: editing.name }) : t('builder.createTitle')}
        className="flex min-h-0 flex-1 flex-col"
        onSubmit={(event) => void form.handleSubmit(onSubmit, onInvalid)(event)}
      >
        <div className="min-h-0 flex-1 space-y-8 overflow-y-auto px-6 py-5">
          <div ref={topRef} className="scroll-mt-4 space-y-3">
            {serverProblem && (
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <div>
                  <p className="font-medium">{serverProblem.title}</p>
                  <ul className="mt-1 list-disc pl-4">
                    {serverProblem.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                </div>
              </Alert>
            )}
            {isSubmitted && hasErrors && !serverProblem && (
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <span>{t('builder.errors.summary')}</span>
              </Alert>
            )}
            <div className="space-y-2">
              <Label htmlFor={`${ids}-name`}>{t('builder.name')}</Label>
              <Input
                id={`${ids}-name`}
                placeholder={t('builder.namePlaceholder')}
                autoComplete="off"
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={`${ids}-name-hint${errors.name ? ` ${ids}-name-error` : ''}`}
                {...register('name')}
              />
              <p id={`${ids}-name-hint`} className="text-xs text-muted-foreground">
                {t('builder.nameHint')}
              </p>
              <FieldError message={errors.name?.message} id={`${ids}-name-error`} />
            </div>
          </div>

          <TemplateSection ids={ids} templates={templates} template={template} />
          <TargetSection
            ids={ids}
            partitions={partitions}
            partition={partition}
            fields={fields}
            template={template}
            editing={!!editing}
          />
          <TriggerSection ids={ids} fields={fields} />
          <RepeatSection ids={ids} fields={fields} />
          <CooldownSection ids={ids} />
          <FallbackSection ids={ids} template={template} index={6} />
          <SendWindowSection ids={ids} />
          <BuilderSection index={7} id={`${ids}-s6`} title={t('builder.sections.preview')}>
            <RulePreview values={values} fields={fields} />
          </BuilderSection>
        </div>

        <div className="flex flex-wrap items-center gap-3 border-t bg-background px-6 py-3">
          <div className="w-full empty:hidden">
            <DuplicateRuleWarning values={values} fields={fields} editingId={editing?.id} />
          </div>
          {!editing && (
            <label className="flex items-center gap-2 text-sm">
              <Checkbox {...register('isActive')} />
              {t('builder.activate')}
            </label>
          )}
          <div className="ml-auto flex gap-2">
            <SheetClose asChild>
              <Button type="button" variant="outline">
                {t('builder.cancel')}
              </Button>
            </SheetClose>
            <Button type="submit" pending={saving}>
              {saving ? t('builder.saving') : t('builder.save')}
            </Button>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
