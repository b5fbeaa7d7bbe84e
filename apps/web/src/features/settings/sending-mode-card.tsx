import { FlaskConical, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/** Where messages go right now, in words: the sandbox reaches no real customer. */
export function SendingModeCard({ mode }: { mode: 'nhn' | 'sandbox' }) {
  const { t } = useTranslation('settings');
  const sandbox = mode === 'sandbox';
  const Icon = sandbox ? FlaskConical : Radio;
  return (
    <Card className={cn('gap-3', sandbox ? 'border-amber-200 bg-amber-50/40' : 'border-green-200 bg-green-50/40')}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <Icon className={cn('size-5', sandbox ? 'text-amber-700' : 'text-green-700')} aria-hidden="true" />
          <h2 className="text-base">{t('mode.title')}</h2>
          <Badge variant={sandbox ? 'warning' : 'success'}>{sandbox ? t('mode.sandbox') : t('mode.nhn')}</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-2 text-sm leading-relaxed">
        <p>{sandbox ? t('mode.sandboxBody') : t('mode.nhnBody')}</p>
        {sandbox && <p className="text-muted-foreground">{t('mode.switchHint')}</p>}
      </CardContent>
    </Card>
  );
}
