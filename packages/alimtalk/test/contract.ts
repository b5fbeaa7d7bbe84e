/**
 * The provider contract, written once and run against the fake NHN server and (when credentials are set) real NHN.
 * It only uses the public AlimtalkProvider API, never fake internals.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { templateVariables, type AlimtalkProvider, type DeliveryResult } from '../src/index.ts';
import { expectNoSecrets, providerError, waitFor } from './helpers.ts';

export interface ContractControls {
  /** A client with some credentials swapped (to provoke -1000 / -1001). */
  makeProvider(over?: { appKey?: string; secretKey?: string }): AlimtalkProvider;
  senderKey: string;
  /** Secrets that must never show up in an error. */
  secrets: string[];
  /** What to send in the sending tests; when absent (real NHN without a test recipient) they are not registered. */
  send?: { templateCode: string; recipientNo: string; params: () => Promise<Record<string, string>> };
  /** How long to wait for a final delivery status. */
  deliveryTimeoutMs: number;
  /** The fake always delivers '1000'; real NHN may end FAILED (e.g. 3019 for a non-KakaoTalk number). */
  expectDelivered: boolean;
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCEL']);

export function contractSuite(provider: AlimtalkProvider, c: ContractControls): void {
  const uniq = () => `ct-${randomUUID().slice(0, 18)}`;

  describe('templates', () => {
    it('lists templates with statuses and the #{variables} of their content', async () => {
      const list = await provider.listTemplates(c.senderKey);
      expect(Array.isArray(list)).toBe(true);
      for (const t of list) {
        expect(t.templateCode).toMatch(/^.{1,20}$/);
        expect(['TSC01', 'TSC02', 'TSC03', 'TSC04']).toContain(t.status);
        expect(t.variables).toEqual(templateVariables(t.content));
      }
      if (c.send) expect(list.map((t) => t.templateCode)).toContain(c.send.templateCode);
    });

    it('gets a single template, and null for an unknown code', async () => {
      const list = await provider.listTemplates(c.senderKey);
      if (list.length > 0) {
        const first = list[0]!;
        expect(await provider.getTemplate(c.senderKey, first.templateCode)).toEqual(first);
      }
      expect(await provider.getTemplate(c.senderKey, 'ZZ_NO_SUCH_TPL_9')).toBeNull();
    });
  });

  describe('errors', () => {
    it('a wrong secret key is a permanent -1001, and the error carries no secret', async () => {
      const wrong = 'wrong-secret-' + randomUUID();
      const e = await providerError(c.makeProvider({ secretKey: wrong }).listTemplates(c.senderKey));
      expect(e.kind).toBe('permanent');
      expect(e.code).toBe('-1001');
      expectNoSecrets(e, [...c.secrets, wrong]);
    });

    it('a wrong appkey is permanent (-1000 / -4004)', async () => {
      const wrong = 'wrong-appkey-' + randomUUID().slice(0, 8);
      const e = await providerError(c.makeProvider({ appKey: wrong }).listTemplates(c.senderKey));
      expect(e.kind).toBe('permanent');
      expect(['-1000', '-4004']).toContain(e.code);
      expectNoSecrets(e, [...c.secrets, wrong]);
    });

    it('sending with an unknown template is a permanent -3003 for the whole call', async () => {
      const e = await providerError(
        provider.sendBatch({
          senderKey: c.senderKey,
          templateCode: 'ZZ_NO_SUCH_TPL_9',
          recipients: [{ recipientNo: '01012345678', templateParameter: {}, recipientGroupingKey: uniq() }],
        }),
      );
      expect(e.kind).toBe('permanent');
      expect(e.code).toBe('-3003');
      expectNoSecrets(e, c.secrets);
    });
  });

  describe('messages', () => {
    it('a search window with an unused recipientGroupingKey finds nothing', async () => {
      const now = Date.now();
      const found = await provider.findMessages({
        startRequestDate: new Date(now - 60 * 60 * 1000),
        endRequestDate: new Date(now),
        recipientGroupingKey: uniq(),
      });
      expect(found).toEqual([]);
    });

    it('an empty recipient list is answered locally without a call', async () => {
      expect(await provider.sendBatch({ senderKey: c.senderKey, templateCode: 'X', recipients: [] })).toEqual(
        {
          requestId: null,
          results: [],
        },
      );
    });
  });

  const send = c.send;
  if (!send) return;

  describe('sending', () => {
    it(
      'accepts a message, finds it by requestId and by window + grouping key, and reports its delivery',
      async () => {
        const key = uniq();
        const startedAt = new Date(Date.now() - 60_000);
        const res = await provider.sendBatch({
          senderKey: c.senderKey,
          templateCode: send.templateCode,
          recipients: [
            {
              recipientNo: send.recipientNo,
              templateParameter: await send.params(),
              recipientGroupingKey: key,
            },
          ],
        });
        expect(res.results).toHaveLength(1);
        const r = res.results[0]!;
        expect(r).toMatchObject({
          accepted: true,
          resultCode: '0',
          recipientGroupingKey: key,
          recipientSeq: 1,
        });
        expect(res.requestId).toBeTruthy();
        expect(r.requestId).toBe(res.requestId);
        expect(r.errorKind).toBeUndefined();

        const byId = await provider.findMessages({ requestId: res.requestId! });
        expect(byId.map((m) => [m.recipientSeq, m.recipientGroupingKey])).toEqual([[1, key]]);

        const byKey = await provider.findMessages({
          startRequestDate: startedAt,
          endRequestDate: new Date(Date.now() + 60_000),
          recipientGroupingKey: key,
        });
        expect(byKey).toHaveLength(1);
        expect(byKey[0]).toMatchObject({
          requestId: res.requestId,
          recipientSeq: 1,
          recipientGroupingKey: key,
        });

        const delivered: DeliveryResult = await waitFor(async () => {
          const results = await provider.fetchDeliveryResults({
            startUpdateDate: startedAt,
            endUpdateDate: new Date(Date.now() + 60_000),
          });
          return results.find(
            (d) => d.requestId === res.requestId && d.recipientSeq === 1 && FINAL.has(d.messageStatus),
          );
        }, c.deliveryTimeoutMs);
        if (c.expectDelivered)
          expect(delivered).toMatchObject({ messageStatus: 'COMPLETED', resultCode: '1000' });
        else expect(delivered.resultCode).toBeTruthy();
      },
      c.deliveryTimeoutMs + 10_000,
    );

    it('refuses an invalid number within an accepted call (partial failure)', async () => {
      const params = await send.params();
      const [k1, k2] = [uniq(), uniq()];
      const res = await provider.sendBatch({
        senderKey: c.senderKey,
        templateCode: send.templateCode,
        recipients: [
          { recipientNo: send.recipientNo, templateParameter: params, recipientGroupingKey: k1 },
          { recipientNo: '12', templateParameter: params, recipientGroupingKey: k2 },
        ],
      });
      expect(res.requestId).toBeTruthy();
      expect(res.results.map((r) => [r.recipientGroupingKey, r.accepted])).toEqual([
        [k1, true],
        [k2, false],
      ]);
      const refused = res.results[1]!;
      expect(Number(refused.resultCode)).toBeLessThan(0);
      expect(refused.errorKind).toBe('permanent');
      expect(refused.requestId).toBe(res.requestId);
    });

    it('resolves an all-refused call (-1031) with each recipient refused and no requestId', async () => {
      const params = await send.params();
      const res = await provider.sendBatch({
        senderKey: c.senderKey,
        templateCode: send.templateCode,
        recipients: [
          { recipientNo: '12', templateParameter: params, recipientGroupingKey: uniq() },
          { recipientNo: 'abc', templateParameter: params, recipientGroupingKey: uniq() },
        ],
      });
      expect(res.requestId).toBeNull();
      expect(res.results).toHaveLength(2);
      for (const r of res.results) {
        expect(r.accepted).toBe(false);
        expect(r.errorKind).toBe('permanent');
        expect(r.requestId).toBeNull();
        expect(Number(r.resultCode)).toBeLessThan(0);
      }
    });

    it('a reused idempotency key is a duplicate (-1005)', async () => {
      const idem = `idem-${randomUUID()}`;
      const params = await send.params();
      const req = {
        senderKey: c.senderKey,
        templateCode: send.templateCode,
        idempotencyKey: idem,
        recipients: [
          { recipientNo: send.recipientNo, templateParameter: params, recipientGroupingKey: uniq() },
        ],
      };
      const first = await provider.sendBatch(req);
      expect(first.results[0]!.accepted).toBe(true);
      const e = await providerError(provider.sendBatch(req));
      expect(e.kind).toBe('duplicate');
      expect(e.code).toBe('-1005');
    });
  });
}
