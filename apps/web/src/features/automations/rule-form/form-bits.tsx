// Small pieces every section of the rule form uses: the numbered section, a read-back sentence, a number input
// with hint and error, and a field error that translates our schema's keys.
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import i18n from '@/i18n';
import { cn } from '@/lib/utils';

/** A message from our schema (an i18n key) or from the server (shown as it is). */
export function useMessage() {
  const { t } = useTranslation('automations');
  return (message: string | undefined) =>
    message && i18n.exists(message, { ns: 'automations' }) ? t(message as 'builder.errors.summary') : message;
}

export function FieldError({ message, id }: { message: string | undefined; id: string }) {
  const msg = useMessage();
  return message ? (
    <p id={id} className="text-sm text-destructive">
      {msg(message)}
    </p>
  ) : null;
}

export function BuilderSection({
  index,
  id,
  title,
  children,
}: {
  index: number;
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h3 id={id} className="flex items-center gap-2 text-base font-semibold">
        <span
          className="flex size-6 items-center justify-center rounded-full bg-primary text-xs text-primary-foreground"
          aria-hidden="true"
        >
          {index}
        </span>
        {title}
      </h3>
      {children}
    </section>
  );
}

export function ReadBack({ label, text }: { label: string; text: string }) {
  return (
    <p className="rounded-md bg-muted/60 px-3 py-2 text-sm" aria-live="polite">
      <span className="mr-2 text-muted-foreground">{label}:</span>
      <span className="font-medium">{text}</span>
    </p>
  );
}

export function NumberField({
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
