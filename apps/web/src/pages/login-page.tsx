import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Info } from 'lucide-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useForm, type RegisterOptions } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useDocumentTitle } from '@/hooks/use-document-title';
import i18n from '@/i18n';
import { applyServerFieldErrors, describeError, retryAfterSeconds } from '@/lib/errors';
import { isSafeNext } from '@/lib/session';
import { errorCode, useTRPC } from '@/lib/trpc';

interface LoginValues {
  email: string;
  password: string;
}

// The login page is the first download, so its two checks use react-hook-form's own rules instead of a schema
// library. The server validates again. Messages are i18n keys, translated when shown, so switching language
// re-translates visible errors.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const rules = {
  email: {
    setValueAs: (value: string) => value.trim(),
    required: 'login.errors.emailRequired',
    pattern: { value: EMAIL, message: 'login.errors.emailInvalid' },
  },
  password: { required: 'login.errors.passwordRequired' },
} satisfies { [K in keyof LoginValues]: RegisterOptions<LoginValues, K> };

/** A key from our schema, or a message from the server (shown as is). */
function useMessage() {
  const { t } = useTranslation();
  return (message: string | undefined) => (message && i18n.exists(message) ? t(message as 'login.errors.emailRequired') : message);
}

/** What went wrong with a sign-in, in the UI language. */
export function loginFailureMessage(error: unknown, t: TFunction): string {
  switch (errorCode(error)) {
    case 'UNAUTHORIZED':
      return t('login.errors.wrongCredentials');
    case 'TOO_MANY_REQUESTS': {
      const seconds = error instanceof Error ? retryAfterSeconds(error.message) : undefined;
      return seconds ? t('login.errors.tooManyAttempts', { seconds }) : t('login.errors.tooManyAttemptsNoTime');
    }
    default:
      return describeError(error, t);
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const translate = useMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const target = isSafeNext(next) ? next : '/';
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;
  // The last failed attempt; its message is worded at render time, so it follows a language switch.
  const [failure, setFailure] = useState<unknown>(null);
  useDocumentTitle(t('login.title'));

  // Already signed in (e.g. a bookmarked /login): go straight in — but only on a fresh answer, never on what is
  // still cached from a session that just logged out.
  // auth.session answers null when signed out, so a first visit logs no (expected) 401 in the console.
  const session = useQuery(trpc.auth.session.queryOptions(undefined, { staleTime: 0, refetchOnMount: 'always' }));
  const signedIn = session.isSuccess && !!session.data && !session.isFetching;

  const form = useForm<LoginValues>({
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        // A fresh session: nothing cached from before may leak into it.
        queryClient.removeQueries();
        await navigate(target, { replace: true });
      },
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') {
          form.setValue('password', '');
          form.setFocus('password');
        }
        // Validation errors the server found go next to their fields; anything else above the button.
        if (!applyServerFieldErrors(error, form.setError, ['email', 'password'])) setFailure(error);
      },
    }),
  );

  if (signedIn) return <Navigate to={target} replace />;

  const onSubmit = (values: LoginValues) => {
    setFailure(null);
    login.mutate(values);
  };

  const formError = failure ? loginFailureMessage(failure, t) : null;
  const emailError = translate(errors.email?.message);
  const passwordError = translate(errors.password?.message);

  return (
    <div className="flex min-h-svh flex-col bg-muted/40">
      <header className="flex justify-end p-4">
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        <div className="w-full max-w-sm space-y-6">
          <div className="flex flex-col items-center gap-2 text-center">
            <img src="/favicon.svg" alt="" className="size-11" />
            <div>
              <div className="text-xl font-bold tracking-tight">{t('app.name')}</div>
              <div className="text-sm text-muted-foreground">{t('app.tagline')}</div>
            </div>
          </div>
          <Card>
            <CardHeader>
              <CardTitle>
                <h1 className="text-lg">{t('login.title')}</h1>
              </CardTitle>
              <CardDescription>{t('login.description')}</CardDescription>
            </CardHeader>
            <CardContent>
              <form noValidate className="space-y-4" onSubmit={(event) => void form.handleSubmit(onSubmit)(event)} aria-label={t('login.title')}>
                {expired && !formError && (
                  <p className="flex items-start gap-2 rounded-md border bg-muted/60 p-3 text-sm">
                    <Info className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                    {t('login.sessionExpired')}
                  </p>
                )}
                <div className="space-y-2">
                  <Label htmlFor="login-email">{t('login.email')}</Label>
                  <Input
                    id="login-email"
                    type="email"
                    autoComplete="username"
                    inputMode="email"
                    autoFocus
                    placeholder={t('login.emailPlaceholder')}
                    aria-invalid={emailError ? true : undefined}
                    aria-describedby={emailError ? 'login-email-error' : undefined}
                    {...form.register('email', rules.email)}
                  />
                  {emailError && (
                    <p id="login-email-error" className="text-sm text-destructive">
                      {emailError}
                    </p>
                  )}
                </div>
                <div className="space-y-2">
                  <Label htmlFor="login-password">{t('login.password')}</Label>
                  <Input
                    id="login-password"
                    type="password"
                    autoComplete="current-password"
                    aria-invalid={passwordError ? true : undefined}
                    aria-describedby={passwordError ? 'login-password-error' : undefined}
                    {...form.register('password', rules.password)}
                  />
                  {passwordError && (
                    <p id="login-password-error" className="text-sm text-destructive">
                      {passwordError}
                    </p>
                  )}
                </div>
                {formError && (
                  <div role="alert" className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive">
                    <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                    <span>{formError}</span>
                  </div>
                )}
                <Button type="submit" className="w-full" pending={login.isPending}>
                  {login.isPending ? t('login.submitting') : t('login.submit')}
                </Button>
              </form>
            </CardContent>
          </Card>
        </div>
      </main>
    </div>
  );
}
