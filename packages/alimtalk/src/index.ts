export type {
  AlimtalkProvider,
  DeliveryResult,
  ErrorKind,
  FindMessagesQuery,
  ProviderMessage,
  ProviderTemplate,
  RecipientResult,
  ResendParameter,
  SendBatchRequest,
  SendBatchResult,
  SendRecipient,
  TemplateStatus,
} from './types.ts';
export { ProviderError, classifyNhnCode, classifyHttpStatus, isProviderError } from './errors.ts';
export {
  createNhnClient,
  NHN_DEFAULT_BASE_URL,
  NHN_CURRENT_BASE_URL,
  NHN_API_VERSION,
  NHN_MAX_RECIPIENTS_PER_CALL,
  type NhnClientOptions,
} from './nhn/client.ts';
export { formatKst, parseKst, ceilToMinute } from './kst.ts';
export { deliveryOutcome, receivedAt, NHN_DELIVERED_CODE, type DeliveryOutcome } from './delivery.ts';
export { templateVariables, renderTemplateContent } from './template-vars.ts';
export {
  createProviderForSettings,
  ProviderConfigError,
  type ProviderMode,
  type ProviderSettings,
} from './settings.ts';
export { sandboxCredentials, SANDBOX_NON_KAKAO_NUMBERS } from './sandbox.ts';
