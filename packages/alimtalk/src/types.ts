/**
 * Vendor-neutral provider interface. Callers (packages/api) only ever see these types; each vendor adapter
 * (today: `nhn/`, later e.g. `solapi/`, `aligo/`) maps its own wire format onto them.
 */

export type ErrorKind = 'permanent' | 'transient' | 'duplicate';

export interface SendRecipient {
  /** Digits only, e.g. `01012345678`. */
  recipientNo: string;
  /** Bare variable names → values: `{ 이름: '홍길동' }` fills `#{이름}`. */
  templateParameter: Record<string, string>;
  /** Ties a provider result back to our send log (≤ 100 chars). */
  recipientGroupingKey: string;
  /** Fully rendered text, for vendors that send text rather than template parameters (Aligo). NHN ignores it. */
  renderedContent?: string;
  /** SMS/LMS fallback (NHN `resendParameter`); omitted = NHN's console default. */
  resendParameter?: ResendParameter;
}

/** NHN's per-recipient fallback: when KakaoTalk cannot deliver, a text message from `resendSendNo`. */
export interface ResendParameter {
  isResend: boolean;
  resendType?: 'SMS' | 'LMS';
  resendTitle?: string;
  resendContent?: string;
  resendSendNo?: string;
}

export interface SendBatchRequest {
  senderKey: string;
  templateCode: string;
  recipients: SendRecipient[];
  /**
   * Sent as `X-NC-API-IDEMPOTENCY-KEY`. When the batch is split into several calls (> 1,000 recipients),
   * chunk i (0-based) after the first uses `${idempotencyKey}:${i}` so every chunk is idempotent on its own.
   */
  idempotencyKey?: string;
  senderGroupingKey?: string;
  /** Scheduled send (KST minute precision). Omitted = now. */
  requestDate?: Date;
}

export interface RecipientResult {
  recipientGroupingKey: string;
  recipientNo: string;
  /** The provider request this recipient went out in (differs per 1,000-recipient chunk); null if refused as a whole. */
  requestId: string | null;
  recipientSeq: number | null;
  accepted: boolean;
  /** Provider code as a string: '0' accepted, NHN negative codes, or 'HTTP_500' / 'TIMEOUT' / 'NETWORK' / … */
  resultCode: string;
  resultMessage: string;
  /** Set when `accepted` is false. */
  errorKind?: ErrorKind;
}

export interface SendBatchResult {
  /** requestId of the first chunk that got one (null when nothing was accepted). See each result's own requestId. */
  requestId: string | null;
  /** One entry per input recipient, same order. */
  results: RecipientResult[];
}

export type TemplateStatus = 'TSC01' | 'TSC02' | 'TSC03' | 'TSC04';

export interface ProviderTemplate {
  templateCode: string;
  name: string;
  content: string;
  status: TemplateStatus;
  /** Provider's human label for the status, when given. */
  statusName?: string | null;
  /** Distinct `#{var}` names in order of first appearance. */
  variables: string[];
}

export interface ProviderMessage {
  requestId: string;
  recipientSeq: number;
  recipientNo: string;
  recipientGroupingKey: string | null;
  senderGroupingKey?: string | null;
  templateCode?: string | null;
  /** `READY`, `COMPLETED`, `FAILED`, `CANCEL`, … (null / non-final = pending). */
  messageStatus: string | null;
  resultCode: string | null;
  requestDate?: string;
  /** The SMS/LMS fallback's status (RSC01…RSC05, see DeliveryResult), when the provider reports it. */
  resendStatus?: string | null;
  resendResultCode?: string | null;
}

export interface DeliveryResult {
  requestId: string;
  recipientSeq: number;
  messageStatus: 'COMPLETED' | 'FAILED' | 'CANCEL' | (string & {});
  resultCode: string | null;
  resultCodeName?: string | null;
  receiveDate?: string | null;
  /** Fallback status: RSC01 none, RSC02/RSC03 pending, RSC04 sent, RSC05 failed (absent when not reported). */
  resendStatus?: string | null;
  resendResultCode?: string | null;
}

export type FindMessagesQuery =
  | { requestId: string }
  | {
      startRequestDate: Date;
      endRequestDate: Date;
      recipientGroupingKey?: string;
      senderGroupingKey?: string;
    };

export interface AlimtalkProvider {
  readonly name: string;
  /**
   * Whole-call failures throw ProviderError. `-1031` (every recipient refused) resolves with every result
   * `accepted: false` and each recipient's own code. With > 1,000 recipients the batch is split into sequential
   * calls; it throws only when every call failed as a whole — otherwise the recipients of a failed chunk come back
   * `accepted: false` with that chunk's error code and kind (so a transient chunk can be retried alone).
   */
  sendBatch(req: SendBatchRequest): Promise<SendBatchResult>;
  /** All pages. */
  listTemplates(senderKey: string): Promise<ProviderTemplate[]>;
  getTemplate(senderKey: string, templateCode: string): Promise<ProviderTemplate | null>;
  /** All pages. Used to reconcile after a crash / `-1005`. */
  findMessages(q: FindMessagesQuery): Promise<ProviderMessage[]>;
  /** Status changes in an update-date window (message-results), all pages (at most the client's page cap). */
  fetchDeliveryResults(q: { startUpdateDate: Date; endUpdateDate: Date }): Promise<DeliveryResult[]>;
  /**
   * The same results one page at a time, so a caller holds one page in memory. Ends on an empty, short or
   * repeated page or at the page cap, whatever the provider answers; a page may repeat results of an earlier one.
   */
  deliveryResultPages(q: { startUpdateDate: Date; endUpdateDate: Date }): AsyncIterable<DeliveryResult[]>;
}
