// /trpc/:path on Fastify. A single mutation over POST with a JSON body — what an integration's records.create is
// (the SPA batches its calls, so they stay with the adapter) — is called here directly and answered exactly as
// tRPC's resolveResponse answers it (status, body, `vary`, responseMeta's headers, onError). Everything else (GET
// queries, `?batch=1`, other content types, unknown paths) goes to tRPC's own Fastify handler.
// Why: the adapter turns every request into a WHATWG Request, reads its body back through a web stream, builds
// URL, Headers, AbortSignals and a Response, and Fastify then copies that Response out again — for a body Fastify
// had already read as a string. Measured on records.create at concurrency 30 (issue 10): the API's CPU per call
// 1.0–1.1 ms through the adapter, 0.5–0.6 ms here.
import type { AppRouter, Context } from '@alimflow/api';
import { callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, transformTRPCResponse, TRPCError } from '@trpc/server';
import { fastifyRequestHandler, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type TrpcOptions = FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

/** The tRPC plugin's routes and body parsers (as fastifyTRPCPlugin registers them), with the direct single call. */
export function trpcRoutes(opts: TrpcOptions) {
  return (app: FastifyInstance, _options: unknown, done: (error?: Error) => void) => {
    // As the plugin does: the body stays the string it came as; tRPC (or singleCall) parses it.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, next) => next(null, body));
    app.removeContentTypeParser('multipart/form-data');
    app.addContentTypeParser('multipart/form-data', {}, (_req, body, next) => next(null, body));
    app.all('/:path', async (req, reply) => {
      const path = (req.params as { path: string }).path;
      if (isSingleJsonMutation(opts.router, req, path)) return singleCall(opts, req, reply, path);
      await fastifyRequestHandler({ ...opts, req, res: reply, path });
    });
    done();
  };
}

function isSingleJsonMutation(router: AppRouter, req: FastifyRequest, path: string): boolean {
  if (req.method !== 'POST' || req.url.includes('?') || typeof req.body !== 'string') return false;
  const type = req.headers['content-type']?.split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') return false;
  // Flat map of dotted paths (no lazy routers here); a path it lacks gets tRPC's own NOT_FOUND answer.
  const procedure = (router._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>)[path];
  return procedure?._def.type === 'mutation';
}

async function singleCall(opts: TrpcOptions, req: FastifyRequest, reply: FastifyReply, path: string) {
  const { router } = opts;
  const config = router._def._config;
  const body = req.body as string;
  let input: unknown;
  let inputRead = false;
  // resolveResponse's reading (req.json()): bad JSON, an empty body too, is a 400 with the parser's message.
  const getRawInput = (): Promise<unknown> => {
    if (!inputRead) {
      try {
        input = JSON.parse(body) as unknown; // no data transformer (trpc.ts): the JSON is the input
      } catch (cause) {
        return Promise.reject(new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause }));
      }
      inputRead = true;
    }
    return Promise.resolve(input);
  };
  const info = singleCallInfo(path, getRawInput);
  let ctx: Context | undefined;
  let response: object;
  let error: TRPCError | null = null;
  try {
    ctx = await opts.createContext?.({ req, res: reply, info } as never);
    const data: unknown = await callTRPCProcedure({ router, path, getRawInput, ctx, type: 'mutation', signal: undefined, batchIndex: 0 });
    response = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    const shownInput = inputRead ? input : undefined;
    opts.onError?.({ error, path, input: shownInput, ctx, type: 'mutation', req } as never);
    response = { error: getTRPCErrorShape({ config, ctx, error, input: shownInput, path, type: 'mutation' }) };
  }
  const meta = opts.responseMeta?.({ ctx, info, paths: [path], type: 'mutation', data: [response], errors: error ? [error] : [], eagerGeneration: false } as never) ?? {};
  reply.header('vary', 'trpc-accept, accept').header('content-type', 'application/json');
  if (meta.headers && !(meta.headers instanceof Headers)) {
    for (const [key, value] of Object.entries(meta.headers)) if (typeof value === 'string') reply.header(key, value);
  }
  // A Buffer, so Fastify adds no charset to the content type (the adapter's answer has none).
  return reply.code(meta.status ?? getHTTPStatusCode(response as never)).send(Buffer.from(JSON.stringify(transformTRPCResponse(config, response as never))));
}

// Nothing here aborts a call (resolveResponse aborts on a closed request; no procedure of ours listens).
const NEVER_ABORTED = new AbortController().signal;

/** What tRPC hands createContext and responseMeta about the call (`info`), for a single non-batched one. */
function singleCallInfo(path: string, getRawInput: () => Promise<unknown>) {
  return {
    isBatchCall: false,
    accept: null,
    type: 'mutation',
    connectionParams: null,
    signal: NEVER_ABORTED,
    url: null,
    calls: [{ path, getRawInput, result: () => undefined, batchIndex: 0 }],
  };
}
