// The rule form's SMS/LMS fallback (대체 발송) fields, their conversions to and from the API's `fallback`, and what
// the builder warns about before saving. The byte counting and cutting are automation-core's (planFallback).
import { normalizeSendNo, planFallback, type FallbackPlan } from '@alimflow/automation-core';
import type { Link, LinkCreateInput } from './api-types';

export type FallbackChoice = 'off' | 'SMS' | 'LMS';

export interface FallbackFormValues {
  fallbackType: FallbackChoice;
  /** As typed ('02-1234-5678'); the server keeps the digits. */
  fallbackSendNo: string;
  /** LMS only; '' = the channel's name. */
  fallbackTitle: string;
  /** '' = the rendered AlimTalk text. */
  fallbackContent: string;
}

export const DEFAULT_FALLBACK_VALUES: FallbackFormValues = { fallbackType: 'off', fallbackSendNo: '', fallbackTitle: '', fallbackContent: '' };

export function fallbackToValues(fallback: Link['fallback']): FallbackFormValues {
  if (fallback.type === 'off') return DEFAULT_FALLBACK_VALUES;
  return { fallbackType: fallback.type, fallbackSendNo: fallback.sendNo, fallbackTitle: fallback.title ?? '', fallbackContent: fallback.content ?? '' };
}

export function valuesToFallback(values: FallbackFormValues): NonNullable<LinkCreateInput['fallback']> {
  if (values.fallbackType === 'off') return { type: 'off' };
  const text = (v: string) => (v.trim() === '' ? null : v);
  return {
    type: values.fallbackType,
    sendNo: values.fallbackSendNo,
    title: values.fallbackType === 'LMS' ? text(values.fallbackTitle) : null,
    content: text(values.fallbackContent),
  };
}

/** The form's message key for the sender number, or null when it is fine (or the fallback is off). */
export function sendNoIssue(values: FallbackFormValues): string | null {
  if (values.fallbackType === 'off') return null;
  if (values.fallbackSendNo.trim() === '') return 'builder.errors.fallbackSendNoRequired';
  return normalizeSendNo(values.fallbackSendNo).ok ? null : 'builder.errors.fallbackSendNoInvalid';
}

/**
 * What the fallback would send for the template's text as written (#{vars} unfilled: a record's values change the
 * size, so the builder says "about"). Null when off or no template is chosen.
 */
export function fallbackPreview(values: FallbackFormValues, templateContent: string | undefined): FallbackPlan | null {
  if (values.fallbackType === 'off' || templateContent === undefined) return null;
  const text = (v: string) => (v.trim() === '' ? null : v);
  return planFallback(
    { type: values.fallbackType, sendNo: '0', title: values.fallbackType === 'LMS' ? text(values.fallbackTitle) : null, content: text(values.fallbackContent) },
    templateContent,
  );
}
