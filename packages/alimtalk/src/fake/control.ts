// `/_fake/*`: drive a separately running fake over HTTP (faults, resets, delivery scripts, templates). Never faulted.
import type { ServerResponse } from 'node:http';
import type { FailureRateSpec, FaultSpec } from './faults.ts';
import { sendJson } from './http.ts';
import type { FakeState } from './state.ts';

type FaultsBody = {
  clear?: boolean;
  failureRate?: FailureRateSpec | null;
  faults?: FaultSpec[];
  ignorePaging?: boolean;
} & Partial<FaultSpec>;

function route(state: FakeState, method: string, path: string, body: unknown): [number, unknown] {
  const { faults } = state;
  if (method === 'GET' && path === '/_fake/messages') return [200, { messages: state.received }];
  if (method === 'GET' && path === '/_fake/faults') return [200, faults.snapshot()];
  if (method === 'DELETE' && path === '/_fake/faults') {
    faults.clear();
    return [200, faults.snapshot()];
  }
  if (method === 'POST' && path === '/_fake/faults') {
    const b = (body ?? {}) as FaultsBody;
    if (b.clear) faults.clear();
    if (b.failureRate !== undefined) faults.setFailureRate(b.failureRate);
    if (b.ignorePaging !== undefined) faults.ignorePaging(b.ignorePaging === true);
    for (const f of b.faults ?? []) faults.inject(f);
    if (b.kind !== undefined) faults.inject(b as FaultSpec);
    return [200, faults.snapshot()];
  }
  if (method === 'POST' && path === '/_fake/reset') {
    state.reset();
    return [200, { ok: true }];
  }
  if (method === 'POST' && path === '/_fake/delivery-script') {
    const b = (body ?? {}) as { recipientNo?: unknown; resultCode?: unknown };
    if (typeof b.recipientNo !== 'string' || typeof b.resultCode !== 'string')
      return [400, { error: 'recipientNo and resultCode (strings) are required' }];
    state.deliveryScripts.set(b.recipientNo, b.resultCode);
    return [200, { ok: true }];
  }
  if (method === 'POST' && path === '/_fake/non-kakao') {
    const b = (body ?? {}) as { recipientNo?: unknown; fallback?: unknown; reportAfterMs?: unknown };
    const fallback = b.fallback ?? 'sent';
    const late = b.reportAfterMs ?? 0;
    if (typeof b.recipientNo !== 'string' || (fallback !== 'sent' && fallback !== 'failed') || typeof late !== 'number' || late < 0)
      return [400, { error: 'recipientNo (string) is required; fallback is "sent" or "failed"; reportAfterMs is a number ≥ 0' }];
    state.nonKakao.set(b.recipientNo, fallback);
    if (late > 0) state.lateFallbacks.set(b.recipientNo, late);
    else state.lateFallbacks.delete(b.recipientNo);
    return [200, { ok: true }];
  }
  if (method === 'GET' && path === '/_fake/templates')
    return [200, { templates: [...state.templates.values()] }];
  if (method === 'POST' && path === '/_fake/templates') {
    state.upsertTemplate(body);
    return [200, { ok: true }];
  }
  return [404, { error: `no control endpoint ${method} ${path}` }];
}

export function handleControl(
  state: FakeState,
  method: string,
  path: string,
  bodyText: string,
  res: ServerResponse,
): void {
  let body: unknown = undefined;
  if (bodyText) {
    try {
      body = JSON.parse(bodyText);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
  }
  try {
    const [status, answer] = route(state, method, path, body);
    sendJson(res, status, answer);
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
