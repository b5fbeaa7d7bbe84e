// fast-check arbitraries from zod v4 schemas, by walking `schema._zod.def` (zod-fast-check supports only zod 3).
// Each node yields mostly values the schema would accept — so inputs reach the handlers and the database — mixed
// with hostile ones at every depth (see hostile.ts). Only what the fuzzer needs is modelled; an unknown node
// type yields arbitrary JSON.
import fc from 'fast-check';
import type { z } from 'zod';
import { hostileValue, jsonValue } from './hostile.ts';

export interface ValuePool {
  /** Real ids of the fuzzing org (partitions, links, records…): a uuid field picks one of these half the time. */
  uuids: string[];
  /** Real names and codes (template codes, field names). */
  strings: string[];
}

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; format?: string } } }>;
  format?: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function bounds(def: Def) {
  let min: number | undefined;
  let max: number | undefined;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' || d.check === 'length_equals') min = d.minimum ?? d.value;
    if (d.check === 'max_length' || d.check === 'length_equals') max = d.maximum ?? d.value;
    if (d.check === 'greater_than') min = d.value;
    if (d.check === 'less_than') max = d.value;
    if (d.check === 'number_format' && d.format?.includes('int')) int = true;
  }
  return { min, max, int };
}

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  email: fc.emailAddress(),
  datetime: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  url: fc.webUrl(),
};

function stringArbitrary(def: Def, pool: ValuePool): fc.Arbitrary<string> {
  if (def.format === 'uuid' || def.format === 'guid') {
    return pool.uuids.length ? fc.oneof(fc.constantFrom(...pool.uuids), fc.uuid()) : fc.uuid();
  }
  const format = def.format ? FORMATS[def.format] : undefined;
  if (format) return format;
  const { min = 0, max = 60 } = bounds(def);
  const text = fc.string({ unit: 'grapheme', minLength: Math.min(min, 200), maxLength: Math.max(Math.min(max, 200), Math.min(min, 200)) });
  return pool.strings.length ? fc.oneof({ arbitrary: text, weight: 3 }, { arbitrary: fc.constantFrom(...pool.strings), weight: 1 }) : text;
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const { min, max, int } = bounds(def);
  const lo = min ?? -1e6;
  const hi = max ?? 1e6;
  return int
    ? fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values for `schema`; `hostileWeight` (of 10) is how often a node is replaced by a hostile value. */
export function arbitraryFor(schema: z.ZodType, pool: ValuePool, hostileWeight = 2, depth = 0): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, pool, hostileWeight, depth);
  if (hostileWeight === 0) return valid;
  return fc.oneof({ arbitrary: valid, weight: 10 - hostileWeight }, { arbitrary: hostileValue(depth), weight: hostileWeight });
}

function validArbitrary(schema: z.ZodType, pool: ValuePool, hw: number, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown) => arbitraryFor(s as z.ZodType, pool, hw, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, pool);
    case 'number':
      return numberArbitrary(def);
    case 'int':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String);
    case 'date':
      return FORMATS.datetime!;
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case 'pipe':
      return inner(defOf(def.in).type === 'transform' ? def.out : def.in);
    case 'lazy':
      return depth > 6 ? fc.constant(null) : inner((def.getter as () => unknown)());
    case 'array': {
      const { min = 0, max = 5 } = bounds(def);
      return fc.array(inner(def.element), { minLength: Math.min(min, 5), maxLength: Math.max(Math.min(max, 5), Math.min(min, 5)) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, inner(shape[k])])), { requiredKeys: keys.filter((k) => !['optional', 'default', 'prefault'].includes(defOf(shape[k]).type)) });
      return record;
    }
    case 'record':
      return fc.dictionary(
        fc.oneof(pool.strings.length ? fc.constantFrom(...pool.strings) : fc.string(), fc.string({ unit: 'grapheme', maxLength: 20 })),
        inner(def.valueType),
        { maxKeys: 6 },
      );
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'intersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) =>
        a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a,
      );
    default:
      return jsonValue;
  }
}
