// The pg driver adapter that Prisma's CLI (migrate dev / deploy / status) uses.
//
// Prisma 6.19's WASM schema engine reads catalog columns of types the 6.19 pg adapter refuses to decode
// (upstream prisma/orm#27403: `name` oid 19, `"char"` oid 18, …), failing with "Column type 'name' could not be
// deserialized". Postgres sends those values as text anyway, so relabelling every built-in oid the adapter does
// not know as `text` is lossless. The application's own client does not need this and does not use it.
import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';

const FIRST_NORMAL_OBJECT_ID = 16384;
const TEXT_OID = 25;
// The oids @prisma/adapter-pg 6.19 maps itself (fieldToColumnType); every other built-in one becomes text.
const ADAPTER_KNOWN_OIDS = new Set([
  16, 17, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560,
  1562, 1700, 2950, 3802, 143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022,
  1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561, 1563, 2951, 3807,
]);

export function relabelUnsupportedOid(oid: number): number {
  return oid < FIRST_NORMAL_OBJECT_ID && !ADAPTER_KNOWN_OIDS.has(oid) ? TEXT_OID : oid;
}

interface QueryResultLike {
  fields?: { dataTypeID: number }[];
}
type PerformIO = (this: unknown, query: unknown) => Promise<QueryResultLike>;

const patched = new WeakSet<object>();

function patchQueryable(instance: object): void {
  // performIO lives on the adapter's base class, shared by the adapter, its transactions and the shadow database.
  let proto: object | null = Object.getPrototypeOf(instance) as object | null;
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto) as object | null;
  if (!proto || patched.has(proto)) return;
  const target = proto as { performIO: PerformIO };
  const original = target.performIO;
  target.performIO = async function (this: unknown, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields ?? []) field.dataTypeID = relabelUnsupportedOid(field.dataTypeID);
    return result;
  };
  patched.add(proto);
}

export function createCliAdapter(connectionString: string): PrismaPg {
  // The CLI never closes the pool: without allowExitOnIdle each command would hang for pg's 10 s idle timeout.
  // Discrete fields, not `connectionString`: the adapter opens the shadow database as `{ ...config, database }`,
  // and a connection string would override that `database` and point `migrate dev` back at the main database.
  const factory = new PrismaPg({ ...poolConfigFromUrl(connectionString), allowExitOnIdle: true, idleTimeoutMillis: 500 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchQueryable(adapter);
    return adapter;
  };
  return factory;
}

export function poolConfigFromUrl(connectionString: string): PoolConfig {
  const url = new URL(connectionString);
  const config: PoolConfig = {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  const host = url.searchParams.get('host');
  if (host) config.host = host; // unix socket directory
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode && sslmode !== 'disable') config.ssl = sslmode === 'no-verify' ? { rejectUnauthorized: false } : true;
  return config;
}
