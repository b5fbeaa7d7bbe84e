// Prisma's query interpreter runs the relation queries of one `include` concurrently (Promise.all over the children
// of a join node). Inside an interactive transaction they all go to the transaction's one pg client, and pg ≥ 8.19
// warns for each query sent while another is running ("Calling client.query() when the client is already executing
// a query", to be an error in pg@9) — seen in CI from link-admin.ts, whose `linkInclude` (template, partition,
// createdBy, _count) is read inside the create/update transaction.
// pg queued them anyway; this client queues them itself, in the same order, so nothing changes but the warning, and
// a future include in a transaction cannot trip it.
import pg from 'pg';

export class SerialClient extends pg.Client {}

const tails = new WeakMap<pg.Client, Promise<unknown>>();
// Taken off the prototype and always called with the client as `this` (apply/call below).
const baseQuery = Reflect.get(pg.Client.prototype, 'query') as (this: pg.Client, ...args: unknown[]) => unknown;

// Assigned rather than declared: pg's typings give query a dozen overloads no override signature can match.
SerialClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [config, values, callback] = args;
  // Callback and Submittable forms (not used by the Prisma adapter) keep pg's own handling.
  const passThrough =
    typeof values === 'function' || typeof callback === 'function' || (typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit === 'function');
  if (passThrough) return baseQuery.apply(this, args);
  const run = (tails.get(this) ?? Promise.resolve()).then(() => baseQuery.call(this, config, values));
  tails.set(this, run.catch(() => undefined));
  return run;
} as pg.Client['query'];
