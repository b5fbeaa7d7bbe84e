import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeError, retryAfterSeconds, serverFieldErrors } from './errors';
import { errorCode, isUnauthorized } from './trpc';

// A stand-in for i18next's t(): returns the key, so the tests see which sentence was chosen.
const t = ((key: string) => key) as unknown as TFunction;

/** An error as httpBatchLink builds it from the server's JSON (no transformer). */
function serverError(code: string, httpStatus: number, message: string, zodError: unknown = null) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code, httpStatus, path: 'x.y', zodError } } });
}

describe('describeError', () => {
  it('words the codes people meet in their own language', () => {
    expect(describeError(serverError('UNAUTHORIZED', 401, 'Sign in first'), t)).toBe('errors.unauthorized');
    expect(describeError(serverError('FORBIDDEN', 403, 'Only admins can do this.'), t)).toBe('errors.forbidden');
    expect(describeError(serverError('NOT_FOUND', 404, 'Record not found'), t)).toBe('errors.notFound');
    expect(describeError(serverError('TOO_MANY_REQUESTS', 429, 'Slow down'), t)).toBe('errors.tooManyRequests');
    expect(describeError(serverError('INTERNAL_SERVER_ERROR', 500, 'boom'), t)).toBe('errors.server');
  });

  it("keeps the server's own words for a conflict, which names what clashed; a bare one gets the general sentence", () => {
    expect(describeError(serverError('CONFLICT', 409, '"리드" 파티션이 이미 있습니다. 다른 이름을 고르세요.'), t)).toBe('"리드" 파티션이 이미 있습니다. 다른 이름을 고르세요.');
    expect(describeError(serverError('CONFLICT', 409, ''), t)).toBe('errors.conflict');
  });

  it("keeps the server's own words for validation and domain errors, which say what to fix", () => {
    const error = serverError('BAD_REQUEST', 400, 'cooldownHours: Too small: expected number to be >=0');
    expect(describeError(error, t)).toBe('cooldownHours: Too small: expected number to be >=0');
  });

  it("never shows zod's own wording: a malformed id (a bad link) is not found, other bad input a translated sentence", () => {
    const badId = serverError('BAD_REQUEST', 400, '✖ Must be an id (UUID).\n  → at id', { formErrors: [], fieldErrors: { id: ['Must be an id (UUID).'] } });
    expect(describeError(badId, t)).toBe('errors.notFound');
    const badLinkId = serverError('BAD_REQUEST', 400, '✖ Invalid UUID → at linkId', { formErrors: [], fieldErrors: { linkId: ['Invalid UUID'] } });
    expect(describeError(badLinkId, t)).toBe('errors.notFound');
    const badValue = serverError('BAD_REQUEST', 400, '✖ Too small → at cooldownHours', { formErrors: [], fieldErrors: { cooldownHours: ['Too small'], id: ['x'] } });
    expect(describeError(badValue, t)).toBe('errors.invalidInput');
    const wholeInput = serverError('BAD_REQUEST', 400, '✖ Invalid input', { formErrors: ['Invalid input'], fieldErrors: {} });
    expect(describeError(wholeInput, t)).toBe('errors.invalidInput');
  });

  it('calls a request without an answer a network problem, and anything else unknown', () => {
    expect(describeError(TRPCClientError.from(new TypeError('Failed to fetch')), t)).toBe('errors.network');
    expect(describeError(new Error('something else'), t)).toBe('errors.unknown');
    expect(describeError('a string', t)).toBe('errors.unknown');
  });
});

describe('error codes', () => {
  it('recognises UNAUTHORIZED (the redirect-to-login signal) and nothing else as such', () => {
    expect(isUnauthorized(serverError('UNAUTHORIZED', 401, 'x'))).toBe(true);
    expect(isUnauthorized(serverError('FORBIDDEN', 403, 'x'))).toBe(false);
    expect(isUnauthorized(new Error('UNAUTHORIZED'))).toBe(false);
    expect(errorCode(serverError('NOT_FOUND', 404, 'x'))).toBe('NOT_FOUND');
    expect(errorCode(new Error('x'))).toBeUndefined();
  });
});

describe('retryAfterSeconds', () => {
  it("reads the wait from the server's rate-limit message", () => {
    expect(retryAfterSeconds('Too many failed sign-ins. Try again in 42 seconds.')).toBe(42);
    expect(retryAfterSeconds('Try again in 1 second.')).toBe(1);
    expect(retryAfterSeconds('30초 후에 다시 시도하세요')).toBe(30);
    expect(retryAfterSeconds('Too many requests')).toBeUndefined();
  });
});

describe('serverFieldErrors', () => {
  it("collects zod's field errors by field", () => {
    const error = serverError('BAD_REQUEST', 400, 'invalid', {
      formErrors: [],
      fieldErrors: { email: ['Enter a valid email address.'], password: [], name: ['Too long', 'Bad'] },
    });
    expect(serverFieldErrors(error)).toEqual({ email: ['Enter a valid email address.'], name: ['Too long', 'Bad'] });
  });

  it('gives nothing for errors without a zod part', () => {
    expect(serverFieldErrors(serverError('NOT_FOUND', 404, 'x'))).toEqual({});
    expect(serverFieldErrors(new Error('x'))).toEqual({});
  });
});
