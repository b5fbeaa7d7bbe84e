// What services throw when a request cannot be done: a kind and a message naming what to fix. Services know
// nothing of HTTP or tRPC; trpc.ts turns these into tRPC codes once, for every procedure.
export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict' | 'precondition' | 'forbidden' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`);
export const invalid = (message: string) => new DomainError('invalid', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const precondition = (message: string) => new DomainError('precondition', message);
/** Something outside us (the provider) did not answer properly; trying again later may work. */
export const unavailable = (message: string) => new DomainError('unavailable', message);
