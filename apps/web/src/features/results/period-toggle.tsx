import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import type { ResultDays } from './funnel';

export function PeriodToggle({ days, onChange }: { days: ResultDays; onChange: (days: ResultDays) => void }) {
  const { t } = useTranslation('results');
  return (
    <div role="group" aria-label={t('results.period')} className="flex gap-1">
      {([7, 30] as const).map((d) => (
        <Button key={d} size="sm" variant={days === d ? 'default' : 'outline'} aria-pressed={days === d} onClick={() => onChange(d)}>
          {t(d === 7 ? 'results.days7' : 'results.days30')}
        </Button>
      ))}
    </div>
  );
}
