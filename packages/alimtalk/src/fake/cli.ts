/**
 * Run the fake NHN server alone:
 *   pnpm --filter @alimflow/alimtalk fake-nhn --port 8787 [--host 127.0.0.1] [--delivery-delay-ms 2000]
 *     [--templates ./my-templates.json] [--non-kakao 01000000000,01022223333] [--quiet]
 *   --non-kakao (or FAKE_NHN_NON_KAKAO): numbers that are not KakaoTalk users, whose SMS/LMS fallback is sent;
 *   default: the sandbox demo numbers (SANDBOX_NON_KAKAO_NUMBERS).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sandboxCredentials } from '../sandbox.ts';
import { startFakeNhnServer } from './server.ts';
import { parseFakeTemplates } from './templates.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'delivery-delay-ms': { type: 'string', default: '2000' },
    templates: { type: 'string' },
    'non-kakao': { type: 'string', default: process.env.FAKE_NHN_NON_KAKAO },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const deliveryDelayMs = Number(values['delivery-delay-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`--port: not a port: ${values.port}`);
if (!Number.isFinite(deliveryDelayMs) || deliveryDelayMs < 0)
  throw new Error('--delivery-delay-ms: not a number');
const templates = values.templates
  ? parseFakeTemplates(
      JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), values.templates), 'utf8')),
    )
  : undefined;

const server = await startFakeNhnServer({
  port,
  host: values.host,
  deliveryDelayMs,
  ...sandboxCredentials,
  ...(templates ? { templates } : {}),
  ...(values['non-kakao']
    ? { nonKakaoNumbers: Object.fromEntries(values['non-kakao'].split(',').filter(Boolean).map((n) => [n.trim(), 'sent' as const])) }
    : {}),
  ...(values.quiet ? {} : { log: (line: string) => console.log(`[fake-nhn] ${line}`) }),
});

console.log(`Fake NHN AlimTalk server listening on ${server.url}`);
console.log(`  baseUrl    ${server.url}`);
console.log(`  appKey     ${sandboxCredentials.appKey}`);
console.log(`  secretKey  ${sandboxCredentials.secretKey}`);
console.log(`  senderKey  ${sandboxCredentials.senderKey}`);
console.log(
  `  control    GET ${server.url}/_fake/messages · POST /_fake/faults · POST /_fake/reset · POST /_fake/delivery-script · POST /_fake/non-kakao`,
);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
