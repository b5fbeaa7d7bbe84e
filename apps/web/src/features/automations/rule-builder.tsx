// The rule builder (FR-01, FR-02, FR-05, FR-08, FR-10) in a full-height sheet, in the order admins think about a
// rule: 템플릿 → 대상 → 트리거와 조건 → 반복 → 쿨다운 → 미리보기. react-hook-form holds the draft, the zod schema
// (form-schema.ts) checks it with automation-core's rules, and the server's own refusals land next to the fields.
import type { FieldDefinition } from '@alimflow/automation-core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { AlertCircle, AlertTriangle, RefreshCw } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { Controller, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { RadioCard, RadioGroup } from '@/components/ui/radio-group';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import i18n from '@/i18n';
import { describeError, serverFieldErrors } from '@/lib/errors';
import { errorCode, useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import type { Link, Partition, Template } from './api-types';
import { TemplateStatusBadge } from './badges';
import { ConditionBuilder } from './condition-builder';
import {
  autoMapVariables,
  defaultRecipientField,
  editorIssues,
  editorToCondition,
  emptyGroup,
  linkToValues,
  newRuleValues,
  phoneFields,
  usesCondition,
  valuesToInput,
  type RuleFormValues,
} from './draft';
import { ruleFormSchema, type RuleSchemaContext } from './form-schema';
import { RulePreview } from './rule-preview';
import { TemplateContent } from './template-content';
import { conditionSentence, cooldownSentence, hoursText, langOf } from './text';

export type BuilderTarget = { mode: 'create'; partitionId?: string } | { mode: 'edit'; link: Link };

export function RuleBuilderSheet({ target, onClose }: { target: BuilderTarget | null; onClose: () => void }) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const open = target !== null;
  const partitions = useQuery({ ...trpc.partitions.list.queryOptions(), enabled: open });
  const templates = useQuery({ ...trpc.templates.list.queryOptions(), enabled: open });
  const ready = partitions.data && templates.data;
  const formKey = target ? (target.mode === 'edit' ? `edit-${target.link.id}-${target.link.updatedAt}` : 'create') : 'closed';

  return (
    <Sheet open={open} onOpenChange={(next) => !next && onClose()}>
      <SheetContent className="gap-0 overflow-hidden p-0 sm:max-w-3xl">
        <SheetHeader className="border-b pr-12">
          <SheetTitle className="text-lg">{target?.mode === 'edit' ? t('builder.editTitle', { name: target.link.name }) : t('builder.createTitle')}</SheetTitle>
          <SheetDescription>{t('builder.description')}</SheetDescription>
        </SheetHeader>
        {target && ready ? (
          <RuleForm key={formKey} target={target} partitions={partitions.data} templates={templates.data} onDone={onClose} />
        ) : partitions.isError || templates.isError ? (
          <div className="p-6">
            <Alert variant="destructive" role="alert">
              <AlertCircle aria-hidden="true" />
              <div className="flex flex-1 flex-wrap items-center justify-between gap-2">
                <span>{describeError(partitions.error ?? templates.error, tRoot)}</span>
                <Button size="sm" variant="outline" onClick={() => void Promise.all([partitions.refetch(), templates.refetch()])}>
                  {t('actions.retry')}
                </Button>
              </div>
            </Alert>
          </div>
        ) : (
          <div className="space-y-4 p-6" role="status" aria-label={t('builder.loading')}>
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-32 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        )}
      </SheetContent>
    </Sheet>
  );
}

/** A message from our schema (an i18n key) or from the server (shown as it is). */
function useMessage() {
  const { t } = useTranslation('automations');
  return (message: string | undefined) => (message && i18n.exists(message, { ns: 'automations' }) ? t(message as 'builder.errors.summary') : message);
}

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
};

function RuleForm({ target, partitions, templates, onDone }: { target: BuilderTarget; partitions: Partition[]; templates: Template[]; onDone: () => void }) {
  const { t, i18n: inst } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const msg = useMessage();
  const lang = langOf(inst.resolvedLanguage);
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
    () => (values, context, options) => (zodResolver(ruleFormSchema(schemaContext.current)) as unknown as Resolver<RuleFormValues>)(values, context, options),
    [],
  );
  const form = useForm<RuleFormValues>({ defaultValues: initial, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { control, register, setValue, getValues, formState } = form;
  const { errors, isSubmitted } = formState;
  const values = form.watch();

  const partition = partitions.find((p) => p.id === values.partitionId);
  const fields: FieldDefinition[] = useMemo(() => partition?.fields ?? [], [partition]);
  const template = templates.find((tpl) => tpl.id === values.templateId);
  schemaContext.current = { fields, templateContent: template?.content };

  // One mapping row per template variable, pre-filled by matching names; kept mappings survive a template switch.
  const variablesKey = template ? template.variables.join('\u0000') : '';
  useEffect(() => {
    if (!template) return;
    setValue('mappings', autoMapVariables(template.variables, fields, getValues('mappings')), { shouldValidate: isSubmitted });
  }, [variablesKey, fields]);

  const sync = useMutation(
    trpc.templates.sync.mutationOptions({
      onSuccess: async (result) => {
        toast.success(t('toast.synced', { total: result.total, created: result.created, updated: result.updated }));
        await queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey() });
      },
      onError: (error) => toast.error(t('toast.syncFailed', { reason: describeError(error, tRoot) })),
    }),
  );

  const onSaved = async (link: { name: string }) => {
    toast.success(t('toast.saved', { name: link.name }));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.templateLinks.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.partitions.list.queryKey() }),
    ]);
    onDone();
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
      setServerProblem({ title: t('builder.errors.server'), details: unplaced.length > 0 ? unplaced : [describeError(error, tRoot)] });
      topRef.current?.scrollIntoView({ block: 'start' });
    }
  };
  const create = useMutation(trpc.templateLinks.create.mutationOptions({ onSuccess: onSaved, onError: onSaveError }));
  const update = useMutation(trpc.templateLinks.update.mutationOptions({ onSuccess: onSaved, onError: onSaveError }));
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

  const onPartitionChange = (id: string) => {
    const next = partitions.find((p) => p.id === id);
    setValue('partitionId', id, { shouldValidate: isSubmitted, shouldDirty: true });
    setValue('recipientField', defaultRecipientField(next), { shouldValidate: isSubmitted });
    // The old partition's fields mean nothing here.
    setValue('condition', emptyGroup('all'));
    setValue('stopCondition', emptyGroup('all'));
  };

  const conditional = usesCondition(values.triggerType);
  const allowChangeOperators = values.triggerType === 'on_update';
  const conditionIssues = useMemo(() => editorIssues(values.condition, fields, { allowChangeOperators }), [values.condition, fields, allowChangeOperators]);
  const stopIssues = useMemo(() => editorIssues(values.stopCondition, fields, { allowChangeOperators: false }), [values.stopCondition, fields]);
  const conditionText = conditionSentence(editorToCondition(values.condition, fields, { skipIncomplete: true }), fields, lang);
  const stopCondition = editorToCondition(values.stopCondition, fields, { skipIncomplete: true });
  const hasErrors = Object.keys(errors).length > 0;
  const phones = phoneFields(fields);
  const fieldError = (message: string | undefined, id: string) =>
    message ? (
      <p id={id} className="text-sm text-destructive">
        {msg(message)}
      </p>
    ) : null;

  return (
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
            {fieldError(errors.name?.message, `${ids}-name-error`)}
          </div>
        </div>

        {/* 1. 템플릿 */}
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
                          {tpl.name} ({tpl.templateCode}){tpl.sendable ? '' : ` · ${t(`templateStatus.${tpl.status}`)}`}
                          {tpl.isCurrentSender ? '' : ` · ${t('builder.template.otherSender')}`}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            </div>
            <Button type="button" variant="outline" pending={sync.isPending} onClick={() => sync.mutate()} aria-describedby={`${ids}-sync-hint`}>
              {!sync.isPending && <RefreshCw aria-hidden="true" />}
              {t('builder.template.sync')}
            </Button>
          </div>
          <p id={`${ids}-sync-hint`} className="text-xs text-muted-foreground">
            {templates.length === 0 ? t('builder.template.none') : t('builder.template.syncHint')}
          </p>
          {fieldError(errors.templateId?.message, `${ids}-template-error`)}
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
              {template.variables.length > 0 && <p className="text-xs text-muted-foreground">{t('builder.template.variablesHint')}</p>}
            </div>
          )}
        </BuilderSection>

        {/* 2. 대상 */}
        <BuilderSection index={2} id={`${ids}-s2`} title={t('builder.sections.target')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2 content-start">
              <Label id={`${ids}-partition-label`}>{t('builder.target.partition')}</Label>
              <Controller
                control={control}
                name="partitionId"
                render={({ field }) => (
                  <Select value={field.value || undefined} onValueChange={onPartitionChange} disabled={!!editing}>
                    <SelectTrigger
                      ref={field.ref}
                      className="w-full"
                      aria-labelledby={`${ids}-partition-label`}
                      aria-describedby={`${ids}-partition-hint`}
                      aria-invalid={errors.partitionId ? true : undefined}
                    >
                      <SelectValue placeholder={t('builder.target.partitionPlaceholder')} />
                    </SelectTrigger>
                    <SelectContent>
                      {partitions.map((p) => (
                        <SelectItem key={p.id} value={p.id}>
                          {p.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
              <p id={`${ids}-partition-hint`} className="text-xs text-muted-foreground">
                {editing ? t('builder.target.partitionLocked') : t('builder.target.partitionHint')}
              </p>
              {fieldError(errors.partitionId?.message, `${ids}-partition-error`)}
            </div>
            <div className="space-y-2">
              <Label id={`${ids}-recipient-label`}>{t('builder.target.recipient')}</Label>
              <Controller
                control={control}
                name="recipientField"
                render={({ field }) => (
                  <Select value={field.value || undefined} onValueChange={field.onChange} disabled={phones.length === 0}>
                    <SelectTrigger
                      ref={field.ref}
                      className="w-full"
                      aria-labelledby={`${ids}-recipient-label`}
                      aria-describedby={`${ids}-recipient-hint${errors.recipientField ? ` ${ids}-recipient-error` : ''}`}
                      aria-invalid={errors.recipientField ? true : undefined}
                    >
                      <SelectValue placeholder={t('builder.target.recipientPlaceholder')} />
                    </SelectTrigger>
                    <SelectContent>
                      {phones.map((f) => (
                        <SelectItem key={f.key} value={f.key}>
                          {f.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
              <p id={`${ids}-recipient-hint`} className="text-xs text-muted-foreground">
                {partition && phones.length === 0 ? t('builder.target.noPhoneField') : t('builder.target.recipientHint')}
              </p>
              {fieldError(errors.recipientField?.message, `${ids}-recipient-error`)}
            </div>
          </div>

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('builder.target.variables')}</legend>
            {!template ? (
              <p className="text-sm text-muted-foreground">{t('builder.target.pickTemplateFirst')}</p>
            ) : values.mappings.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('builder.target.noVariables')}</p>
            ) : (
              <>
                <p className="text-xs text-muted-foreground">{t('builder.target.variablesHint')}</p>
                <ul className="space-y-2">
                  {values.mappings.map((mapping, i) => {
                    const error = errors.mappings?.[i]?.field?.message;
                    const errorId = `${ids}-map-${i}-error`;
                    return (
                      <li key={mapping.variable} className="grid items-start gap-2 sm:grid-cols-[10rem_1fr]">
                        <code className="mt-2 w-fit rounded bg-amber-100 px-1.5 py-0.5 font-sans text-sm text-amber-950">{`#{${mapping.variable}}`}</code>
                        <div className="grid gap-1">
                          <Controller
                            control={control}
                            name={`mappings.${i}.field`}
                            render={({ field }) => (
                              <Select value={field.value || undefined} onValueChange={field.onChange}>
                                <SelectTrigger
                                  ref={field.ref}
                                  className="w-full sm:w-64"
                                  aria-label={t('builder.target.variableField', { variable: `#{${mapping.variable}}` })}
                                  aria-invalid={error ? true : undefined}
                                  aria-describedby={error ? errorId : undefined}
                                >
                                  <SelectValue placeholder={t('builder.target.fieldPlaceholder')} />
                                </SelectTrigger>
                                <SelectContent>
                                  {fields.map((f) => (
                                    <SelectItem key={f.key} value={f.key}>
                                      {f.label}
                                    </SelectItem>
                                  ))}
                                </SelectContent>
                              </Select>
                            )}
                          />
                          {fieldError(error, errorId)}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </fieldset>
        </BuilderSection>

        {/* 3. 트리거와 조건 */}
        <BuilderSection index={3} id={`${ids}-s3`} title={t('builder.sections.trigger')}>
          <RadioGroup legend={t('builder.trigger.label')}>
            {(['on_create', 'on_update', 'manual'] as const).map((type) => (
              <RadioCard key={type} value={type} label={t(`builder.trigger.${type}`)} hint={t(`builder.trigger.${type}Hint`)} {...register('triggerType')} />
            ))}
          </RadioGroup>

          {values.triggerType === 'on_update' && (
            <RadioGroup legend={t('builder.fireOn.label')}>
              {(['became_true', 'every_matching_update'] as const).map((fireOn) => (
                <RadioCard key={fireOn} value={fireOn} label={t(`builder.fireOn.${fireOn}`)} hint={t(`builder.fireOn.${fireOn}Hint`)} {...register('fireOn')} />
              ))}
            </RadioGroup>
          )}

          {conditional ? (
            <div className="space-y-3">
              <h4 className="text-sm font-medium" id={`${ids}-condition-label`}>
                {t('builder.condition.label')}
              </h4>
              <p className="text-xs text-muted-foreground">{t('builder.condition.none')}</p>
              <Controller
                control={control}
                name="condition"
                render={({ field }) => (
                  <ConditionBuilder
                    kind="trigger"
                    value={field.value}
                    onChange={field.onChange}
                    fields={fields}
                    allowChangeOperators={allowChangeOperators}
                    issues={conditionIssues}
                    showRequired={isSubmitted}
                  />
                )}
              />
              <ReadBack label={t('builder.condition.readBack')} text={conditionText} />
              {fieldError(errors.condition?.message, `${ids}-condition-error`)}
            </div>
          ) : (
            <Alert>
              <AlertTriangle aria-hidden="true" />
              <span>{t('builder.trigger.manualNoCondition')}</span>
            </Alert>
          )}
        </BuilderSection>

        {/* 4. 반복 */}
        <BuilderSection index={4} id={`${ids}-s4`} title={t('builder.sections.repeat')}>
          <div className="flex items-start gap-3">
            <Checkbox id={`${ids}-repeat`} className="mt-0.5" disabled={!conditional} aria-describedby={`${ids}-repeat-hint`} {...register('repeatEnabled')} />
            <div className="space-y-1">
              <Label htmlFor={`${ids}-repeat`}>{t('builder.repeat.enable')}</Label>
              <p id={`${ids}-repeat-hint`} className="text-xs text-muted-foreground">
                {conditional ? t('builder.repeat.enableHint') : t('builder.repeat.onlyAuto')}
              </p>
            </div>
          </div>
          {conditional && values.repeatEnabled && (
            <div className="space-y-4 border-l-2 border-amber-200 pl-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <NumberField
                  id={`${ids}-interval`}
                  label={t('builder.repeat.interval')}
                  hint={t('builder.repeat.intervalHint')}
                  error={msg(errors.intervalHours?.message)}
                  min={1}
                  max={720}
                  {...register('intervalHours', { valueAsNumber: true })}
                />
                <NumberField
                  id={`${ids}-max`}
                  label={t('builder.repeat.maxRepeat')}
                  hint={t('builder.repeat.maxRepeatHint')}
                  error={msg(errors.maxRepeat?.message)}
                  min={1}
                  max={10}
                  {...register('maxRepeat', { valueAsNumber: true })}
                />
              </div>
              <div className="space-y-3">
                <h4 className="text-sm font-medium">{t('builder.repeat.stopCondition')}</h4>
                <p className="text-xs text-muted-foreground">{t('builder.repeat.stopHint')}</p>
                <Controller
                  control={control}
                  name="stopCondition"
                  render={({ field }) => (
                    <ConditionBuilder
                      kind="stop"
                      value={field.value}
                      onChange={field.onChange}
                      fields={fields}
                      allowChangeOperators={false}
                      issues={stopIssues}
                      showRequired={isSubmitted}
                    />
                  )}
                />
                {stopCondition && <ReadBack label={t('builder.condition.readBack')} text={conditionSentence(stopCondition, fields, lang)} />}
                {fieldError(errors.stopCondition?.message, `${ids}-stop-error`)}
              </div>
              <p className="text-sm">
                {Number.isInteger(values.intervalHours) && Number.isInteger(values.maxRepeat)
                  ? t('builder.repeat.explain', { interval: hoursText(values.intervalHours, t), count: values.maxRepeat })
                  : null}
              </p>
            </div>
          )}
        </BuilderSection>

        {/* 5. 쿨다운 */}
        <BuilderSection index={5} id={`${ids}-s5`} title={t('builder.sections.cooldown')}>
          <NumberField
            id={`${ids}-cooldown`}
            label={t('builder.cooldown.label')}
            hint={t('builder.cooldown.hint')}
            error={msg(errors.cooldownHours?.message)}
            min={0}
            max={720}
            {...register('cooldownHours', { valueAsNumber: true })}
          />
          {Number.isInteger(values.cooldownHours) && values.cooldownHours >= 0 && <p className="text-sm">{cooldownSentence(values.cooldownHours, t)}</p>}
        </BuilderSection>

        {/* 6. 미리보기 */}
        <BuilderSection index={6} id={`${ids}-s6`} title={t('builder.sections.preview')}>
          <RulePreview values={values} fields={fields} />
        </BuilderSection>
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t bg-background px-6 py-3">
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
  );
}

function BuilderSection({ index, id, title, children }: { index: number; id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h3 id={id} className="flex items-center gap-2 text-base font-semibold">
        <span className="flex size-6 items-center justify-center rounded-full bg-primary text-xs text-primary-foreground" aria-hidden="true">
          {index}
        </span>
        {title}
      </h3>
      {children}
    </section>
  );
}

function ReadBack({ label, text }: { label: string; text: string }) {
  return (
    <p className="rounded-md bg-muted/60 px-3 py-2 text-sm" aria-live="polite">
      <span className="mr-2 text-muted-foreground">{label}:</span>
      <span className="font-medium">{text}</span>
    </p>
  );
}

function NumberField({
  id,
  label,
  hint,
  error,
  className,
  ...props
}: ComponentProps<'input'> & { id: string; label: string; hint: string; error: string | undefined }) {
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        className={cn('w-40', className)}
        {...props}
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
