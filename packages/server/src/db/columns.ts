import type { ColumnType } from 'kysely';

/** A timestamp column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A creation time the database fills in, and nothing changes afterwards. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column, read and written as `YYYY-MM-DD`. */
export type DateOnly = string;
