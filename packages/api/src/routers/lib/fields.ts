// How stored field lists are read is automation-core's, so the worker and the API always see the same fields.
export { partitionFields } from '@alimflow/automation-core';
