import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@alimflow/db';
import { EVALUATION_WAIT_MAX_MS, inEvaluationGate } from '../src/services/evaluation-gate.ts';

// The gate is keyed on the database client; a fresh object per test is a fresh process as far as it knows.
const newDb = () => ({}) as Db;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** An evaluation that records when it starts and finishes when told, answering a batch of `size` events. */
function evaluation(log: string[], name: string) {
  const done = deferred<number>();
  return { done, run: () => (log.push(`${name} start`), done.promise.then((size) => (log.push(`${name} end`), size))) };
}
// Fake timers: a loaded machine must not stretch a step past EVALUATION_WAIT_MAX_MS.
const tick = () => vi.advanceTimersByTimeAsync(1);
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('inEvaluationGate', () => {
  it('runs small batches one at a time, in arrival order, so jobs arriving meanwhile join the next batch', async () => {
    const db = newDb();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => evaluation(log, n));
    const runs = [a!, b!, c!].map((e) => inEvaluationGate(db, 100, e.run, (size) => size));
    await tick();
    expect(log).toEqual(['a start']);
    a!.done.resolve(3);
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    b!.done.resolve(3);
    await tick();
    c!.done.resolve(3);
    expect(await Promise.all(runs)).toEqual([3, 3, 3]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets every waiter go once a batch shows a backlog, and lets newcomers in beside them', async () => {
    const db = newDb();
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => evaluation(log, n));
    const first = [a!, b!, c!].map((e) => inEvaluationGate(db, 100, e.run, (size) => size));
    await tick();
    a!.done.resolve(150);
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start', 'c start']);
    const late = inEvaluationGate(db, 100, d!.run, (size) => size);
    await tick();
    expect(log.at(-1)).toBe('d start');
    // The backlog is gone once a small batch finishes: the next newcomer waits again.
    b!.done.resolve(2);
    await tick();
    const log2: string[] = [];
    const e = evaluation(log2, 'e');
    const after = inEvaluationGate(db, 100, e.run, (size) => size);
    await tick();
    expect(log2).toEqual([]);
    c!.done.resolve(2);
    d!.done.resolve(2);
    await tick();
    expect(log2).toEqual(['e start']);
    e.done.resolve(1);
    await Promise.all([...first, late, after]);
  });

  it('a job waits at most EVALUATION_WAIT_MAX_MS, then goes ahead beside a slow evaluation', async () => {
    const db = newDb();
    const log: string[] = [];
    const [slow, next, after] = ['slow', 'next', 'after'].map((n) => evaluation(log, n));
    const runs = [slow!, next!].map((e) => inEvaluationGate(db, 100, e.run, (size) => size));
    await vi.advanceTimersByTimeAsync(EVALUATION_WAIT_MAX_MS - 1);
    expect(log).toEqual(['slow start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['slow start', 'next start']);
    // Two are running now: a newcomer waits for either, and the end of one lets it in.
    const late = inEvaluationGate(db, 100, after!.run, (size) => size);
    await tick();
    expect(log.at(-1)).toBe('next start');
    next!.done.resolve(1);
    await tick();
    expect(log.at(-1)).toBe('after start');
    slow!.done.resolve(1);
    after!.done.resolve(1);
    await Promise.all([...runs, late]);
  });

  it('a failed evaluation passes its turn on', async () => {
    const db = newDb();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => evaluation(log, n));
    const failing = inEvaluationGate(db, 100, a!.run, (size) => size);
    const next = inEvaluationGate(db, 100, b!.run, (size) => size);
    a!.done.reject(new Error('rolled back'));
    await expect(failing).rejects.toThrow('rolled back');
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    b!.done.resolve(1);
    expect(await next).toBe(1);
  });
});
