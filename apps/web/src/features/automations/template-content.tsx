// A template's text as it will be sent, with each #{variable} marked so admins see what gets filled in.
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

const VARIABLE_RE = /(#\{[^{}]+\})/g;

export function TemplateContent({ content, className, ...props }: ComponentProps<'p'> & { content: string }) {
  const parts = content.split(VARIABLE_RE);
  return (
    <p {...props} className={cn('rounded-md border bg-muted/40 p-3 text-sm leading-relaxed whitespace-pre-wrap', className)}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded bg-amber-100 px-0.5 font-medium text-amber-950">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}
