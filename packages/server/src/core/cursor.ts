import { ProblemError } from './problem.ts';

/** Keyset cursors are opaque to callers: the key of the last item seen, as base64url JSON. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, field: string): string {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof key === 'string') return key;
  } catch {
    // answered below
  }
  throw new ProblemError('invalid-request', 'The cursor is not one this API gave out', {
    errors: [{ in: 'query', field, message: 'Not a cursor from a previous page' }],
  });
}

/** The key of a cursor this API gave out, checked to be of the shape `isKey` expects; a 400 naming `field` otherwise. */
export function decodeCursorKey<T>(cursor: string, field: string, isKey: (key: unknown) => key is T): T {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (isKey(key)) return key;
  } catch {
    // answered below
  }
  throw new ProblemError('invalid-request', 'The cursor is not one this API gave out', {
    errors: [{ in: 'query', field, message: 'Not a cursor from a previous page of this list' }],
  });
}
