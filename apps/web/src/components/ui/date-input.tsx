// A day field that reads 연도-월-일 whatever the browser's language. The native <input type="date"> lays its
// segments out in the browser's order (mm/dd/yyyy in an English Chrome, even with lang="ko"), which misleads in a
// Korean UI; so the field is text in YYYY-MM-DD order (typed, parsed by parseDateText) and the calendar button opens
// the native picker of a hidden date input, which keeps min/max and the platform's calendar.
import { CalendarDays } from 'lucide-react';
import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '@/lib/date-text';
import { cn } from '@/lib/utils';
import { Input } from './input';

export interface DateInputProps extends Omit<ComponentProps<'input'>, 'type' | 'value' | 'onChange' | 'min' | 'max'> {
  /** The day as YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with a whole day (YYYY-MM-DD) or '' once the field is cleared; half-typed text calls nothing. */
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  /** Called with text that is not (yet) a day, for a form that must refuse it rather than keep the last good day. */
  onUnreadable?: (text: string) => void;
}

export function DateInput({ value, onChange, onUnreadable, min, max, className, onBlur, disabled, ...props }: DateInputProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [touched, setTouched] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (the URL, a reset) replaces whatever was typed.
  useEffect(() => {
    setDraft((current) => (parseDateText(current) === value || (current.trim() === '' && value === '') ? current : value));
  }, [value]);

  const unreadable = touched && draft.trim() !== '' && parseDateText(draft) === null;
  return (
    <div className="relative">
      <Input
        {...props}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('common.datePlaceholder')}
        disabled={disabled}
        value={draft}
        aria-invalid={props['aria-invalid'] ?? (unreadable || undefined)}
        className={cn('pr-9 tabular-nums', className)}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          setTouched(false);
          if (text.trim() === '') onChange('');
          else {
            const day = parseDateText(text);
            if (day !== null) onChange(day);
            else onUnreadable?.(text);
          }
        }}
        onBlur={(e) => {
          setTouched(true);
          const day = parseDateText(draft);
          if (day !== null) setDraft(day);
          onBlur?.(e);
        }}
      />
      <button
        type="button"
        disabled={disabled}
        aria-label={t('common.pickDate')}
        className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none disabled:opacity-50"
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            picker.current?.focus(); // browsers without showPicker
          }
        }}
      >
        <CalendarDays className="size-4" aria-hidden="true" />
      </button>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className="pointer-events-none absolute right-0 bottom-0 size-px opacity-0"
        value={parseDateText(draft) ?? parseDateText(value) ?? ''}
        min={min}
        max={max}
        onChange={(e) => {
          setDraft(e.target.value);
          setTouched(false);
          onChange(e.target.value);
        }}
      />
    </div>
  );
}
