// `pnpm --filter @alimflow/server build`: the server's entry points and the workspace packages they import, compiled
// once to plain JavaScript in dist/, so `pnpm start` and its worker processes run without tsx (no TypeScript
// compiler, transform cache or source maps held in each process: measured with bench/probe.ts, see README
// "Performance"). npm packages are not bundled: each import is left pointing at the file Node would load for it
// (relative to dist/, through node_modules/.pnpm), so every dependency runs exactly as it does under tsx.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, 'dist');
const builtins = new Set(builtinModules);

/** Bundle our own TypeScript (relative imports and @alimflow/*); keep every npm package external, by resolved path. */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      if (args.path.startsWith('node:') || builtins.has(args.path.split('/')[0])) return { path: args.path, external: true };
      if (args.path.startsWith('@alimflow/')) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length) return { errors: resolved.errors };
      let relative = path.relative(outdir, resolved.path).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return { path: relative, external: true };
    });
  },
};

await build({
  entryPoints: { main: path.join(here, 'src/main.ts'), 'worker-main': path.join(here, 'src/worker-main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Not enabled at run time (node --enable-source-maps would keep them in memory again); for reading a stack.
  sourcemap: 'linked',
  plugins: [externalNpmPackages],
  logLevel: 'warning',
});
