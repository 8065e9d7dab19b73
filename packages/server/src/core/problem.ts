import { problemType, type FieldError, type Problem, type ProblemKind } from '@clientela/contract';

const titles: Record<ProblemKind, string> = {
  'invalid-request': 'The request is not valid',
  unauthenticated: 'Authentication is required',
  'unknown-publishable-key': 'The publishable key is not known',
  'invalid-token': 'The token is not valid',
  'token-expired': 'The token has expired',
  'session-ended': 'The session has ended',
  'forbidden-origin': 'This origin may not make this call',
  'forbidden-role': 'Your role may not make this call',
  'not-found': 'Not found',
  conflict: 'The request conflicts with the current state',
  'insufficient-points': 'Not enough points',
  'insufficient-credit': 'Not enough available credit',
  'redemption-used': 'The redemption code was used already',
  'redemption-expired': 'The redemption code has expired',
  'idempotency-mismatch': 'The idempotency key was used with another request',
  'rate-limited': 'Too many requests',
  'unsupported-media-type': 'Send JSON',
  'payload-too-large': 'The request body is too large',
  'method-not-allowed': 'Method not allowed',
  internal: 'Something went wrong on our side',
  unavailable: 'The service is unavailable',
};

const statuses: Record<ProblemKind, number> = {
  'invalid-request': 400,
  unauthenticated: 401,
  'unknown-publishable-key': 401,
  'invalid-token': 401,
  'token-expired': 401,
  'session-ended': 401,
  'forbidden-origin': 403,
  'forbidden-role': 403,
  'not-found': 404,
  conflict: 409,
  'insufficient-points': 409,
  'insufficient-credit': 409,
  'redemption-used': 409,
  'redemption-expired': 409,
  'idempotency-mismatch': 422,
  'rate-limited': 429,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'method-not-allowed': 405,
  internal: 500,
  unavailable: 503,
};

/** Members a problem document may carry besides the standard ones, each documented with `Problem`. */
export type ProblemExtensions = Partial<Pick<Problem, 'origin' | 'publishableKey' | 'roles' | 'usedAt' | 'usedBy' | 'expiresAt'>>;

/** An error that the API answers as an RFC 9457 problem document. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: ProblemExtensions;

  constructor(kind: ProblemKind, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: ProblemExtensions } = {}) {
    super(detail ?? titles[kind]);
    this.kind = kind;
    this.status = statuses[kind];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  /** The problem document: `instance` is the path asked for, `requestId` the id of the request its log lines carry. */
  toProblem(instance?: string, requestId?: string): Problem {
    return {
      type: problemType(this.kind),
      title: titles[this.kind],
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
      ...this.extensions,
    };
  }
}

export const notFound = (what: string) => new ProblemError('not-found', `${what} was not found`);
