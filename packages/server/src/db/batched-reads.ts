/** How to read rows by key, many in one statement. */
export interface RowReader<Key, Row> {
  /** A string naming the key: equal keys are read once. */
  idOf(key: Key): string;
  /** The rows of these keys (one, on an idle server) in one statement, by `idOf` of their key; a key without a row is left out. */
  readMany(keys: Key[]): Promise<Map<string, Row>>;
}

interface Waiting<Key, Row> {
  key: Key;
  callers: { resolve: (row: Row | undefined) => void; reject: (error: unknown) => void }[];
}

/**
 * Reads of rows by key asked for in the same turn of the event loop, or
 * while the database is busy with earlier ones, go together in one statement.
 *
 * A batch starts once the turn that asked for it has read every request
 * waiting on the sockets (`setImmediate`), never on a timer: an idle server
 * answers a lone read at once. PGlite runs each statement on this thread, so
 * the requests that arrive meanwhile wait in the sockets; under load, one
 * statement answers all that one turn brings in, and the database parses,
 * plans and answers one statement per batch instead of one per request. A
 * batch starts after each of its reads was asked for, so every caller sees
 * what was committed before it asked, as a statement of its own would show.
 */
export class BatchedReads<Key, Row> {
  readonly #reader: RowReader<Key, Row>;
  readonly #concurrency: number;
  #waiting = new Map<string, Waiting<Key, Row>>();
  #running = 0;
  #scheduled = false;

  /** `concurrency`: statements of this reader under way at once; the rest wait to go together. */
  constructor(reader: RowReader<Key, Row>, concurrency: number) {
    this.#reader = reader;
    this.#concurrency = concurrency;
  }

  read(key: Key): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      const id = this.#reader.idOf(key);
      const waiting = this.#waiting.get(id);
      if (waiting) waiting.callers.push({ resolve, reject });
      else this.#waiting.set(id, { key, callers: [{ resolve, reject }] });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running >= this.#concurrency) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#runWaiting();
    });
  }

  #runWaiting(): void {
    if (this.#waiting.size === 0 || this.#running >= this.#concurrency) return;
    const batch = this.#waiting;
    this.#waiting = new Map();
    this.#running++;
    this.#reader
      .readMany([...batch.values()].map(({ key }) => key))
      .then(
        (rows) => {
          for (const [id, { callers }] of batch) for (const caller of callers) caller.resolve(rows.get(id));
        },
        (error: unknown) => {
          for (const { callers } of batch.values()) for (const caller of callers) caller.reject(error);
        },
      )
      .finally(() => {
        this.#running--;
        if (this.#waiting.size > 0) this.#schedule();
      });
  }
}
