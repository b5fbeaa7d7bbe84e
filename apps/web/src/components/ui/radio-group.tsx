// Radio choices as cards, on native <input type="radio">: arrow keys move between choices, each choice is
// labelled by its title and described by its hint. Works with react-hook-form's register().
import type * as React from 'react';
import { useId } from 'react';
import { cn } from '@/lib/utils';

export function RadioGroup({
  legend,
  description,
  className,
  children,
  ...props
}: React.ComponentProps<'fieldset'> & { legend: React.ReactNode; description?: React.ReactNode }) {
  const descriptionId = useId();
  return (
    <fieldset data-slot="radio-group" className={cn('space-y-2', className)} aria-describedby={description ? descriptionId : undefined} {...props}>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {description && (
        <p id={descriptionId} className="-mt-1 mb-2 text-sm text-muted-foreground">
          {description}
        </p>
      )}
      <div className="grid gap-2">{children}</div>
    </fieldset>
  );
}

export function RadioCard({
  label,
  hint,
  className,
  ...props
}: Omit<React.ComponentProps<'input'>, 'type'> & { label: React.ReactNode; hint?: React.ReactNode }) {
  const id = useId();
  return (
    <label
      htmlFor={id}
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-accent/50 has-[:checked]:border-primary has-[:checked]:bg-accent/40 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
        className,
      )}
    >
      <input
        id={id}
        type="radio"
        className="mt-0.5 size-4 shrink-0 accent-primary outline-none"
        aria-labelledby={`${id}-label`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...props}
      />
      <span className="space-y-0.5">
        <span id={`${id}-label`} className="block font-medium">
          {label}
        </span>
        {hint && (
          <span id={`${id}-hint`} className="block text-muted-foreground">
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}
