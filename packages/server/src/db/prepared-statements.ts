import { CompiledQuery } from 'kysely';

/**
 * Statements PostgreSQL parses and plans once per connection, not on every
 * call: the reads that every page of a store makes, under load many times a
 * second. Each is known by its text; the PostgreSQL connections of the pool
 * (see `openDatabase`) send a known text by its name. PGlite runs them as any
 * other statement.
 */
const names = new Map<string, string>();

export interface PreparedStatement<Row> {
  /** The statement with these parameters, to hand to `db.executeQuery`. */
  with(parameters: readonly unknown[]): CompiledQuery<Row>;
}

/** Declares a prepared statement; `text` numbers its parameters `$1`, `$2`… */
export function preparedStatement<Row>(name: string, text: string): PreparedStatement<Row> {
  if (names.has(text) && names.get(text) !== name) throw new Error(`The statement ${name} is already prepared as ${names.get(text)}`);
  names.set(text, name);
  return { with: (parameters) => CompiledQuery.raw(text, [...parameters]) as CompiledQuery<Row> };
}

/** The name a statement was prepared under, or undefined for any other text. */
export const preparedNameOf = (text: string): string | undefined => names.get(text);
