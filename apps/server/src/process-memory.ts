// How the server's processes are started for a small resident set (issue 10, RSS; figures in README "Performance").
// `pnpm start`/`pnpm worker` (package.json) and the bench (bench/lib/app.ts) use the same values.

/**
 * glibc malloc, read once at process start (so it has to be in the environment, not set from JavaScript):
 * - MALLOC_ARENA_MAX: per-thread arenas kept ~40 MiB per process that V8's background threads had freed.
 * - MALLOC_MMAP_THRESHOLD_: a fixed threshold turns off glibc's dynamic one, which rises to the largest block freed
 *   so far. After the first scrypt (16 MiB, every sign-in and the seed's hash) each later one came from the heap and
 *   stayed resident: +16 MiB per concurrent sign-in, ~70 MiB in the API after start-up and a login.
 * A value already in the environment wins.
 */
export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * V8 flags of every process: the API (`pnpm start`), its worker children and `pnpm worker` (package.json passes the
 * same; the bench too). A 20,000-record burst is mostly
 * short-lived garbage (job payloads, Prisma's and pg's rows, NHN bodies) around a live set of ~50 MiB; V8's default
 * growth let the old space reach ~140 MiB and the young generation 48 MiB before collecting. Measured with
 * `bench/probe.ts burst` (20k records, quiet machine, 2 runs each), worker peak RSS / worker CPU s / sends/s:
 * defaults 337–346 MiB / 11.7–11.8 / 1,250–1,258; semi-space 4 only 276–280 / 11.7–12.3 / 1,225–1,262; growing 30 %
 * only 191–192 / 14.0–15.1; both (30 %) 164–166 / 14.2–14.5 / 1,143–1,158; both (50 %, chosen) 172–177 / 13.6–13.9 /
 * 1,137–1,183. The smaller old space costs ~17 % more worker CPU in major GCs for ~170 MiB less.
 * Not a heap limit: a bigger live set still gets the memory it needs.
 * The API process takes them too: `bench/probe.ts httpCpu idle` (2,000 records over HTTP, 2 rounds, load 3–4) gave
 * API + worker RSS after the writes 301–304 MiB with defaults, 276–283 with the semi-space only and 265–269 with
 * both, for API CPU per request 2.47–2.54 → 2.65–2.71 → 2.66–2.78 ms (~7 %); the RSS goal (≤ 300 MB) held only with
 * both, the HTTP rate (missed either way) moved within its noise (205 → 191–204/s).
 */
export const NODE_MEMORY_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
