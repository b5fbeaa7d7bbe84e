// The one place NHN calls and sign-in attempts are measured: decorators around the provider an org sends
// through and around the login limiter, applied where the process is composed (apps/server app.ts), so the
// services that use them stay unaware of metrics.
import { isProviderError, type AlimtalkProvider } from '@alimflow/alimtalk';
import type { LoginLimiter } from '../auth/rate-limit.ts';
import type { AppDeps } from '../deps.ts';
import type { Metrics, NhnOperation, NhnOutcome } from './metrics.ts';

function outcomeOf(error: unknown): NhnOutcome {
  return isProviderError(error) ? error.kind : 'error';
}

async function timed<T>(metrics: Metrics, operation: NhnOperation, call: () => Promise<T>, recipients?: number): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await call();
    metrics.observeNhnCall(operation, 'ok', seconds(), recipients);
    return result;
  } catch (error) {
    metrics.observeNhnCall(operation, outcomeOf(error), seconds(), recipients);
    throw error;
  }
}

export function instrumentProvider(provider: AlimtalkProvider, metrics: Metrics): AlimtalkProvider {
  return {
    name: provider.name,
    sendBatch: (req) => timed(metrics, 'send', () => provider.sendBatch(req), req.recipients.length),
    listTemplates: (senderKey) => timed(metrics, 'templates', () => provider.listTemplates(senderKey)),
    getTemplate: (senderKey, code) => timed(metrics, 'templates', () => provider.getTemplate(senderKey, code)),
    findMessages: (q) => timed(metrics, 'find_messages', () => provider.findMessages(q)),
    fetchDeliveryResults: (q) => timed(metrics, 'delivery_results', () => provider.fetchDeliveryResults(q)),
    deliveryResultPages: (q) => timedPages(metrics, provider.deliveryResultPages(q)),
  };
}

/**
 * Each page the poller pulls is one NHN call: time the wait for every page, not the whole (lazy) walk. The last
 * step, where the pager decides there is nothing more to fetch, is not a call and is not counted.
 */
async function* timedPages<T>(metrics: Metrics, pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      let step: IteratorResult<T>;
      try {
        step = await iterator.next();
      } catch (error) {
        metrics.observeNhnCall('delivery_results', outcomeOf(error), seconds());
        throw error;
      }
      if (step.done) return;
      metrics.observeNhnCall('delivery_results', 'ok', seconds());
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/** providerForOrg with every provider it hands out measured. */
export function instrumentProviderResolver(resolve: AppDeps['providerForOrg'], metrics: Metrics): AppDeps['providerForOrg'] {
  const wrapped = new WeakMap<AlimtalkProvider, AlimtalkProvider>();
  return async (orgId, known) => {
    const resolved = await resolve(orgId, known);
    let provider = wrapped.get(resolved.provider);
    if (!provider) wrapped.set(resolved.provider, (provider = instrumentProvider(resolved.provider, metrics)));
    return { ...resolved, provider };
  };
}

export function instrumentLoginLimiter(limiter: LoginLimiter, metrics: Metrics): LoginLimiter {
  return {
    async attempt(email, address) {
      const verdict = await limiter.attempt(email, address);
      metrics.countLoginAttempt(verdict.allowed ? 'checked' : 'refused');
      return verdict;
    },
    async succeeded(email, address) {
      await limiter.succeeded(email, address);
      metrics.countLoginSuccess();
    },
    purge: () => limiter.purge(),
  };
}
