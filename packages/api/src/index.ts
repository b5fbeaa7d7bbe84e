export { appRouter, type AppRouter } from './routers/index.ts';
export {
  createContext,
  createCallerFactory,
  SESSION_COOKIE,
  type Context,
  type RequestInfo,
  type CookieOptions,
} from './trpc.ts';
export type { AppDeps } from './deps.ts';
export {
  createLoginLimiter,
  DEFAULT_LOGIN_POLICY,
  type LoginLimiter,
  type LoginLimitPolicy,
} from './auth/rate-limit.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export { constantTimeEqual } from './auth/tokens.ts';
export { seedDemo, type SeedResult } from './seed.ts';
export { createTaskList, cronItems } from './worker/tasks.ts';
export { createProviderResolver } from './services/provider-resolver.ts';
export { processDueRepeats, type RepeatSweepResult } from './services/repeats.ts';
export { TASKS } from './services/jobs.ts';
export { pickLanguage, type Language } from './security/language.ts';
