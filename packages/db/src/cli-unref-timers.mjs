// Preloaded into the Prisma CLI processes we spawn. Prisma 6.19's WASM schema engine arms a 10 s timer (its
// migration-lock timeout) that it never clears, so every `migrate deploy` lingered 10 s after finishing. Unref'd,
// that timer no longer keeps the finished process alive; it still fires if the engine is really waiting.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = setTimeoutOriginal(callback, ms, ...args);
  if (typeof ms === 'number' && ms >= 10_000) timer.unref();
  return timer;
};
