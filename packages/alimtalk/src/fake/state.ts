// Everything the fake NHN remembers between calls, in one place, so every endpoint reads and resets the same state.
import { FaultController } from './faults.ts';
import { parseFakeTemplates, type FakeTemplate } from './templates.ts';

/** Every recipient line of every send the fake received (after the appkey / secret / content-type checks). */
export interface ReceivedMessage {
  requestId: string | null;
  recipientSeq: number;
  recipientNo: string;
  senderKey: string;
  templateCode: string;
  templateParameter: Record<string, string>;
  /** Rendered content when the recipient was accepted. */
  content: string | null;
  recipientGroupingKey: string | null;
  senderGroupingKey: string | null;
  /** The recipient line's resendParameter as received (null when absent). */
  resendParameter: FakeResend | null;
  idempotencyKey: string | null;
  accepted: boolean;
  /** NHN code: 0 accepted, negative refused (the whole-call code when the call itself was refused). */
  resultCode: number;
  resultMessage: string;
  receivedAt: string;
}

export interface StoredMessage {
  requestId: string;
  recipientSeq: number;
  recipientNo: string;
  senderKey: string;
  templateCode: string;
  templateParameter: Record<string, string>;
  content: string;
  recipientGroupingKey: string | null;
  senderGroupingKey: string | null;
  requestDate: number;
  createDate: number;
  deliverAt: number;
  finalCode: string;
  /** A KakaoTalk failure with a fallback asked for: what became of the text message. */
  fallback: FallbackOutcome | null;
  /** When the fallback's end is reported (ms); until then it reads "in progress" (RSC03). = deliverAt by default. */
  fallbackAt: number;
}

/** A recipient line's resendParameter, as the fake reads it. */
export interface FakeResend {
  isResend: boolean;
  resendType: string | null;
  resendTitle: string | null;
  resendContent: string | null;
  resendSendNo: string | null;
}

/** What a text-message fallback to a number ends with. */
export type FallbackOutcome = 'sent' | 'failed';

export interface FakeConfig {
  appKey: string;
  secretKey: string;
  senderKey: string;
  deliveryDelayMs: number;
  idempotencyTtlMs: number;
  maxStoredMessages: number;
  /** Numbers that are not KakaoTalk users (delivery ends 3019) → how a fallback to them ends. */
  nonKakaoNumbers: ReadonlyMap<string, FallbackOutcome>;
}

export class FakeState {
  readonly faults = new FaultController();
  templates = new Map<string, FakeTemplate>();
  messages: StoredMessage[] = [];
  received: ReceivedMessage[] = [];
  /** X-NC-API-IDEMPOTENCY-KEY → until when it is remembered (ms). */
  idempotency = new Map<string, number>();
  /** recipientNo → the delivery code its later messages end with. */
  deliveryScripts = new Map<string, string>();
  /** recipientNo → not a KakaoTalk user; a fallback to it ends so. Starts as the configured numbers. */
  nonKakao = new Map<string, FallbackOutcome>();
  /** recipientNo → how long after the KakaoTalk failure its fallback's end is reported (a late result). */
  lateFallbacks = new Map<string, number>();
  readonly #initialTemplates: FakeTemplate[];

  constructor(
    readonly config: FakeConfig,
    initialTemplates: FakeTemplate[],
  ) {
    this.#initialTemplates = parseFakeTemplates(initialTemplates);
    this.reset();
  }

  /** Forget messages, idempotency keys, faults and delivery scripts; restore the initial templates. */
  reset(): void {
    this.templates = new Map(this.#initialTemplates.map((t) => [t.templateCode, structuredClone(t)]));
    this.messages = [];
    this.received = [];
    this.idempotency = new Map();
    this.deliveryScripts = new Map();
    this.nonKakao = new Map(this.config.nonKakaoNumbers);
    this.lateFallbacks = new Map();
    this.faults.clear();
    this.faults.resetCount();
  }

  upsertTemplate(t: unknown): void {
    const [parsed] = parseFakeTemplates([t]);
    this.templates.set(parsed!.templateCode, parsed!);
  }

  /** A long-running sandbox drops its oldest messages / received lines beyond `maxStoredMessages`. */
  trim(): void {
    const max = this.config.maxStoredMessages;
    if (this.messages.length > max) this.messages.splice(0, this.messages.length - max);
    if (this.received.length > max) this.received.splice(0, this.received.length - max);
  }
}
