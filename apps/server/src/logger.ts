import { currentLogContext } from '@alimflow/api';
import { Logger as WorkerLogger, type LogLevel } from 'graphile-worker';
import pino, { type DestinationStream, type Logger } from 'pino';
import { privateErrorSerializer, privateWorkerMessage, privateWorkerMeta, requestSerializer } from './log-privacy.ts';

export interface LoggerOptions {
  /** LOG_PII=true: full errors, job payloads and request URLs (debugging only). */
  pii?: boolean;
  /** Tests capture the log here instead of stdout. */
  destination?: DestinationStream;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const pretty = !options.destination && process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  const config = {
    level,
    // The request id or job id + task of whatever is running (packages/api ops/log-context.ts) on every line.
    mixin: currentLogContext,
    redact: { paths: ['*.secretKey', '*.password', '*.passwordHash', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    ...(options.pii ? {} : { serializers: { err: privateErrorSerializer, error: privateErrorSerializer, req: requestSerializer } }),
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** graphile-worker's logger interface on top of pino; without LOG_PII its job lines carry ids, not payloads. */
export function workerLogger(logger: Logger, options: { pii?: boolean } = {}): WorkerLogger {
  const log = logger.child({ component: 'worker' });
  return new WorkerLogger((scope) => (level: LogLevel, rawMessage: string, rawMeta?: unknown) => {
    const meta = rawMeta && typeof rawMeta === 'object' ? (rawMeta as Record<string, unknown>) : {};
    const fields = options.pii ? { ...scope, ...meta } : { ...privateWorkerMeta({ ...scope }), ...privateWorkerMeta(meta) };
    const message = options.pii ? rawMessage : privateWorkerMessage(rawMessage);
    const name: string = level;
    if (name === 'error') log.error(fields, message);
    else if (name === 'warning') log.warn(fields, message);
    else if (name === 'info') log.info(fields, message);
    else log.debug(fields, message);
  });
}
