import { useTranslation } from 'react-i18next';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import { useNow } from '@/hooks/use-now';
import { formatExactDateTime, formatRelativeTime, toDate, type DateInput } from '@/lib/format';
import { cn } from '@/lib/utils';

/** "3분 전", with the exact Seoul time on hover and keyboard focus. Re-renders itself while the label changes. */
export function RelativeTime({ value, className }: { value: DateInput; className?: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage;
  const now = useNow(value);
  const date = toDate(value);
  const exact = formatExactDateTime(date, lang);
  const iso = Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={iso} tabIndex={0} aria-label={exact} className={cn('cursor-default underline-offset-2 hover:underline hover:decoration-dotted', className)}>
          {formatRelativeTime(date, now, lang)}
        </time>
      </TooltipTrigger>
      <TooltipContent>{exact}</TooltipContent>
    </Tooltip>
  );
}
