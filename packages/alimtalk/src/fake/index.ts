export {
  startFakeNhnServer,
  isValidRecipientNo,
  type FakeNhnOptions,
  type FakeNhnServer,
  type ReceivedMessage,
} from './server.ts';
export {
  FaultController,
  seededRandom,
  type FailureRateSpec,
  type FaultKind,
  type FaultScope,
  type FaultSpec,
} from './faults.ts';
export { sandboxTemplates, parseFakeTemplates, type FakeTemplate } from './templates.ts';
export { sandboxCredentials } from '../sandbox.ts';
