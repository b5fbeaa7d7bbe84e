// NHN Cloud credentials and the live/sandbox switch. Admins edit; members see the same values read-only.
// Keys are write-only: the app key is shown masked, the secret key never; empty key fields keep what is saved.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, KeyRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { RelativeTime } from '@/components/relative-time';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import type { SettingsOutput } from '@/features/logs/api-types';
import { applyServerFieldErrors, describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { formToSettingsUpdate, knownServerMessage, missingForLive, settingsToForm, type SettingsFormValues } from './settings-form';

const FIELDS = ['baseUrl', 'appKey', 'secretKey', 'senderKey'] as const;
const isCredential = (key: string): key is 'appKey' | 'secretKey' | 'senderKey' => key === 'appKey' || key === 'secretKey' || key === 'senderKey';

export function NhnSettingsForm({ settings, canEdit }: { settings: SettingsOutput; canEdit: boolean }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { provider: useId(), baseUrl: useId(), appKey: useId(), secretKey: useId(), senderKey: useId() };
  const form = useForm<SettingsFormValues>({ defaultValues: settingsToForm(settings) });
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const values = form.watch();
  const missing = values.provider === 'nhn' ? missingForLive(values, settings) : [];
  const { errors } = form.formState;

  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.settings.pathFilter());
    // The top bar's sandbox badge and the templates follow the sending mode.
    await queryClient.invalidateQueries(trpc.auth.me.pathFilter());
    await queryClient.invalidateQueries(trpc.templates.pathFilter());
  };

  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async (saved, input) => {
        const switched = input.provider !== undefined;
        toast.success(switched ? (saved.mode === 'nhn' ? t('nhn.savedLive') : t('nhn.savedSandbox')) : t('nhn.saved'));
        form.reset(settingsToForm(saved));
        await refresh();
      },
      onError: (error) => {
        const placed = applyServerFieldErrors(error, form.setError, FIELDS);
        // "Sending through NHN needs appKey, secretKey. …" — say it in the UI language, with the fields' names.
        const needs = /^Sending through NHN needs ([\w, ]+)\./.exec(error.message);
        const message = needs
          ? t('nhn.missing', { fields: (needs[1] ?? '').split(', ').map((k) => (isCredential(k) ? t(`nhn.fieldNames.${k}`) : k)).join(', ') })
          : describeError(error, tc);
        if (!placed) setFormError(message);
        const first = placed ? (message.split('\n')[0]?.replace(/^✖\s*/, '') ?? message) : message;
        const known = knownServerMessage(first);
        toast.error(t('nhn.failed', { message: known ? t(known) : first }));
      },
    }),
  );

  const clearSecret = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(t('nhn.secretCleared'));
        setConfirmClear(false);
        form.reset({ ...form.getValues(), provider: saved.provider, secretKey: '' });
        await refresh();
      },
      onError: (error) => {
        setConfirmClear(false);
        toast.error(t('nhn.failed', { message: describeError(error, tc) }));
      },
    }),
  );

  const onSubmit = (next: SettingsFormValues) => {
    setFormError(null);
    const update = formToSettingsUpdate(next, settings);
    if (Object.keys(update).length === 0) {
      toast.info(t('nhn.noChanges'));
      return;
    }
    save.mutate(update);
  };

  const fieldError = (name: (typeof FIELDS)[number]) => {
    const message = errors[name]?.message;
    const known = knownServerMessage(message);
    return known ? t(known) : message;
  };
  const describe = (name: (typeof FIELDS)[number]) => [`${ids[name]}-hint`, fieldError(name) ? `${ids[name]}-error` : null].filter(Boolean).join(' ');

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">{t('nhn.title')}</h2>
        </CardTitle>
        <CardDescription>{t('nhn.description')}</CardDescription>
        {!canEdit && <p className="text-sm font-medium text-amber-800">{t('nhn.memberNote')}</p>}
      </CardHeader>
      <CardContent>
        <form noValidate aria-label={t('nhn.title')} className="space-y-5" onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}>
          <fieldset disabled={!canEdit} className="space-y-5 disabled:opacity-90">
            <div className="flex items-start gap-3 rounded-lg border p-3">
              <Switch
                id={ids.provider}
                checked={values.provider === 'nhn'}
                onCheckedChange={(checked) => form.setValue('provider', checked ? 'nhn' : 'sandbox', { shouldDirty: true })}
                aria-describedby={`${ids.provider}-hint`}
                className="mt-0.5"
              />
              <div className="space-y-1">
                <Label htmlFor={ids.provider}>{t('nhn.provider')}</Label>
                <p id={`${ids.provider}-hint`} className="text-xs text-muted-foreground">
                  {t('nhn.providerHint')}
                </p>
                {missing.length > 0 && (
                  <p className="text-xs font-medium text-amber-800">{t('nhn.missing', { fields: missing.map((k) => t(`nhn.fieldNames.${k}`)).join(', ') })}</p>
                )}
              </div>
            </div>

            <div className="grid gap-5 md:grid-cols-2">
              <div className="space-y-1.5 md:col-span-2">
                <Label htmlFor={ids.baseUrl}>{t('nhn.baseUrl')}</Label>
                <Input
                  id={ids.baseUrl}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  placeholder={settings.defaultBaseUrl}
                  aria-invalid={!!fieldError('baseUrl') || undefined}
                  aria-describedby={describe('baseUrl')}
                  {...form.register('baseUrl')}
                />
                <p id={`${ids.baseUrl}-hint`} className="text-xs text-muted-foreground">
                  {t('nhn.baseUrlHint', { url: settings.defaultBaseUrl })}
                </p>
                {fieldError('baseUrl') && (
                  <p id={`${ids.baseUrl}-error`} className="text-sm text-red-700">
                    {fieldError('baseUrl')}
                  </p>
                )}
              </div>

              <div className="space-y-1.5">
                <Label htmlFor={ids.appKey}>{t('nhn.appKey')}</Label>
                <Input
                  id={ids.appKey}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={settings.appKey ?? ''}
                  aria-invalid={!!fieldError('appKey') || undefined}
                  aria-describedby={describe('appKey')}
                  {...form.register('appKey')}
                />
                <p id={`${ids.appKey}-hint`} className="text-xs text-muted-foreground">
                  {settings.appKey ? t('nhn.appKeySaved', { masked: settings.appKey }) : t('nhn.appKeyNone')}
                </p>
                {fieldError('appKey') && (
                  <p id={`${ids.appKey}-error`} className="text-sm text-red-700">
                    {fieldError('appKey')}
                  </p>
                )}
              </div>

              <div className="space-y-1.5">
                <Label htmlFor={ids.secretKey}>{t('nhn.secretKey')}</Label>
                <Input
                  id={ids.secretKey}
                  type="password"
                  autoComplete="new-password"
                  placeholder={settings.hasSecretKey ? t('nhn.secretKeyPlaceholder') : ''}
                  aria-invalid={!!fieldError('secretKey') || undefined}
                  aria-describedby={describe('secretKey')}
                  {...form.register('secretKey')}
                />
                <p id={`${ids.secretKey}-hint`} className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
                  {settings.secretKeyUnreadable ? (
                    <span role="alert" className="font-medium text-red-700">
                      {t('nhn.secretKeyUnreadable')}
                    </span>
                  ) : settings.hasSecretKey ? (
                    <>
                      <KeyRound className="size-3.5 text-green-700" aria-hidden="true" />
                      {t('nhn.secretKeySaved')}
                    </>
                  ) : (
                    t('nhn.secretKeyNone')
                  )}
                </p>
                {settings.hasSecretKey && canEdit && (
                  <Button type="button" variant="link" size="sm" className="h-auto px-0 text-xs text-red-700" onClick={() => setConfirmClear(true)}>
                    {t('nhn.clearSecret')}
                  </Button>
                )}
                {fieldError('secretKey') && (
                  <p id={`${ids.secretKey}-error`} className="text-sm text-red-700">
                    {fieldError('secretKey')}
                  </p>
                )}
              </div>

              <div className="space-y-1.5 md:col-span-2">
                <Label htmlFor={ids.senderKey}>{t('nhn.senderKey')}</Label>
                <Input
                  id={ids.senderKey}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={!!fieldError('senderKey') || undefined}
                  aria-describedby={describe('senderKey')}
                  {...form.register('senderKey')}
                />
                <p id={`${ids.senderKey}-hint`} className="text-xs text-muted-foreground">
                  {t('nhn.senderKeyHint')}
                </p>
                {fieldError('senderKey') && (
                  <p id={`${ids.senderKey}-error`} className="text-sm text-red-700">
                    {fieldError('senderKey')}
                  </p>
                )}
              </div>
            </div>
          </fieldset>

          {formError && (
            <p role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm whitespace-pre-line text-red-800">
              <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {formError}
            </p>
          )}

          <div className="flex flex-wrap items-center gap-3">
            {canEdit && (
              <Button type="submit" pending={save.isPending}>
                {save.isPending ? t('nhn.saving') : t('nhn.save')}
              </Button>
            )}
            {settings.updatedAt && (
              <span className="text-xs text-muted-foreground">
                {t('nhn.updatedAt')} <RelativeTime value={settings.updatedAt} />
              </span>
            )}
          </div>
        </form>
      </CardContent>
      <ConfirmDialog
        open={confirmClear}
        onOpenChange={setConfirmClear}
        title={t('nhn.clearSecretTitle')}
        description={t('nhn.clearSecretBody')}
        confirmLabel={t('nhn.clearSecretConfirm')}
        cancelLabel={t('nhn.cancel')}
        pending={clearSecret.isPending}
        onConfirm={() => clearSecret.mutate({ secretKey: null })}
      />
    </Card>
  );
}
