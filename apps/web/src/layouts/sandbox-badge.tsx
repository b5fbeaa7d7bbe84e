import { FlaskConical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';

/** Shown whenever the org sends through the sandbox: nothing reaches real customers. */
export function SandboxBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge variant="warning" tabIndex={0} className="cursor-help">
          <FlaskConical aria-hidden="true" />
          {t('topbar.sandbox')}
        </Badge>
      </TooltipTrigger>
      <TooltipContent side="bottom" align="start">
        {t('topbar.sandboxHint')}
      </TooltipContent>
    </Tooltip>
  );
}
