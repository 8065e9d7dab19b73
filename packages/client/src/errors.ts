import type { Problem } from '@clientela/contract';
import { problemType } from '@clientela/contract/routes';

/** The API answered with a problem document (or something that should have been one). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Whether the problem is of a given kind, e.g. `token-expired`. */
  is(kind: Parameters<typeof problemType>[0]): boolean {
    return this.problem.type === problemType(kind);
  }
}

/** The request did not reach the API or its answer did not arrive. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The Clientela API could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

/** The API answered with a body the contract does not allow: client and server disagree. */
export class ContractError extends Error {
  /** `operation`: its method and path, `GET /v1/me`. */
  constructor(operation: string, cause: unknown) {
    super(`The answer of ${operation} does not match the contract`, { cause });
    this.name = 'ContractError';
  }
}
