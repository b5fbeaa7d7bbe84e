// `pnpm drill [ids…] [--small]`: runs the failure drills one after another, prints a table and writes
// bench/results/drills.json (full runs only). Exits 1 if any drill failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@alimflow/db';
import { drills, externalDrills, type ExternalDrill } from './index.ts';
import type { DrillResult, Scale } from './lib/drill.ts';

const args = process.argv.slice(2);
const scale: Scale = args.includes('--small') ? 'small' : 'full';
const wanted = args.filter((a) => !a.startsWith('--'));
const pick = <T extends { id: string }>(list: T[]) =>
  wanted.length ? list.filter((d) => wanted.includes(d.id)) : list;

const results: DrillResult[] = [];
for (const drill of pick(drills)) {
  console.log(`\n▶ ${drill.id}. ${drill.title} (${scale})`);
  const t0 = performance.now();
  try {
    const outcome = await drill.run(scale);
    const passed = outcome.checks.every((c) => c.ok);
    results.push({ id: drill.id, title: drill.title, passed, seconds: secondsSince(t0), ...outcome });
    for (const c of outcome.checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}`);
    console.log(`  ${JSON.stringify(outcome.figures)}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({
      id: drill.id,
      title: drill.title,
      passed: false,
      seconds: secondsSince(t0),
      checks: [],
      figures: {},
      error: message,
    });
    console.log(`  ✗ ${message}`);
  }
}
for (const drill of pick(externalDrills)) {
  console.log(`\n▶ ${drill.id}. ${drill.title} (pnpm run ${drill.script})`);
  results.push(await runExternal(drill));
}

console.log('\n| drill | result | seconds | figures |\n| --- | --- | --- | --- |');
for (const r of results) {
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(
    `| ${r.id}. ${r.title} | ${r.passed ? 'pass' : 'FAIL'} | ${r.seconds} | ${r.error ?? figures} |`,
  );
}

if (scale === 'full') {
  const file = path.join(repoRoot, 'bench', 'results', 'drills.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const previous = await fs.readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as { drills?: DrillResult[] },
    () => ({ drills: [] }),
  );
  // A run of some drills keeps the last figures of the others.
  const merged = [
    ...(previous.drills ?? []).filter((d) => !results.some((r) => r.id === d.id)),
    ...results,
  ].sort((a, b) => a.id.localeCompare(b.id));
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  await fs.writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, drills: merged }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}
process.exit(results.every((r) => r.passed) ? 0 : 1);

function secondsSince(t0: number): number {
  return Number(((performance.now() - t0) / 1000).toFixed(1));
}

async function runExternal(drill: ExternalDrill): Promise<DrillResult> {
  const t0 = performance.now();
  let lastLine = '';
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('pnpm', ['run', '--silent', drill.script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      lastLine = d.toString().trim().split('\n').at(-1) ?? lastLine;
    });
    child.on('close', resolve);
  });
  let figures: Record<string, number | string> = {};
  try {
    figures = (JSON.parse(lastLine) as { figures?: Record<string, number | string> }).figures ?? {};
  } catch {
    // Not JSON: the script reports through its exit code only.
  }
  const passed = code === 0;
  return {
    id: drill.id,
    title: drill.title,
    passed,
    seconds: secondsSince(t0),
    checks: [{ name: `pnpm run ${drill.script} exits 0`, ok: passed }],
    figures,
  };
}
