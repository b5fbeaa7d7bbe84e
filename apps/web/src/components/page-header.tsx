import type * as React from 'react';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** The top of every section page: its one <h1>, a sentence saying what the page is for, and page actions. */
export function PageHeader({
  title,
  description,
  eyebrow,
  actions,
}: {
  title: string;
  description?: string;
  /** A short line above the title (e.g. a greeting). */
  eyebrow?: string;
  actions?: React.ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        {eyebrow && <p className="text-sm text-muted-foreground">{eyebrow}</p>}
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}
