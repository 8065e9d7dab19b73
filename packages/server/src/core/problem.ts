import { problemType, type FieldError, type Problem, type ProblemKind } from '@clientela/contract';

const titles: Record<ProblemKind, string> = {
  'invalid-request': 'The request is not valid',
  unauthenticated: 'Authentication is required',
  'token-expired': 'The token has expired',
  'forbidden-origin': 'This origin may not make this call',
  'not-found': 'Not found',
  conflict: 'The request conflicts with the current state',
  'insufficient-points': 'Not enough points',
  'insufficient-credit': 'Not enough available credit',
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
  'token-expired': 401,
  'forbidden-origin': 403,
  'not-found': 404,
  conflict: 409,
  'insufficient-points': 409,
  'insufficient-credit': 409,
  'idempotency-mismatch': 422,
  'rate-limited': 429,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'method-not-allowed': 405,
  internal: 500,
  unavailable: 503,
};

/** An error that the API answers as an RFC 9457 problem document. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(kind: ProblemKind, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? titles[kind]);
    this.kind = kind;
    this.status = statuses[kind];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
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
    };
  }
}

export const notFound = (what: string) => new ProblemError('not-found', `${what} was not found`);
