// The reason codes the engine writes live in automation-core (one list for the server and the SPA); each feature
// translates them in its own namespace.
export { EVENT_REASONS, SEND_REASONS, isEventReason, isSendReason, type EventReason, type SendReason } from '@alimflow/automation-core';
