import type { FileType } from '@clientela/contract';

/** A service's result answered with another status than the endpoint's usual one (200 for a replayed create). */
export class WithStatus<T> {
  constructor(
    readonly result: T,
    readonly status: 200 | 201,
  ) {}
}

/** A file answer: its content, its media type (one the endpoint lists) and the name a browser should save it under. */
export interface FileResult {
  body: string | Uint8Array<ArrayBuffer>;
  type: FileType;
  filename: string;
}
