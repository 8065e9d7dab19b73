import type { AccessLogEntry, AccessLogPage, AccessView } from '@clientela/contract';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { ProblemError } from '../../core/problem.ts';
import { storeActorOf } from '../../core/store-actor.ts';
import type { Db } from '../../db/schema.ts';
import { findStaffMember } from '../auth/index.ts';
import { accessLogPage, insertAccess, type AccessLogRow } from './privacy.repository.ts';

/**
 * Writes down that the store read the customer's personal data: a member of
 * the staff (with their name and role now, kept should they leave), or the
 * store's backend with the secret key (`staffId` null). Entries are never
 * changed: the database refuses it.
 */
export async function recordAccess(deps: { db: Db; clock: Clock }, merchantId: string, customerId: string, staffId: string | null, view: AccessView): Promise<void> {
  const member = staffId === null ? undefined : await findStaffMember(deps.db, merchantId, staffId);
  if (staffId !== null && !member) throw new ProblemError('session-ended', 'You are no longer on the staff of this store');
  const staff = member ? { id: member.id, name: member.name, role: member.role } : null;
  await insertAccess(deps.db, { merchantId, customerId, staff, view, at: deps.clock() });
}

const toEntry = (row: AccessLogRow): AccessLogEntry => ({
  id: String(row.id),
  at: row.at.toISOString(),
  by: storeActorOf(row.staffId, row.staffName, row.staffRole),
  view: row.view,
});

/** A page of the customer's access log, newest first. */
export async function accessLogOf(db: Db, merchantId: string, customerId: string, page: { limit: number; after?: string | undefined }): Promise<AccessLogPage> {
  const beforeId = page.after === undefined ? undefined : Number(decodeCursor(page.after, 'after'));
  if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) throw new ProblemError('invalid-request', 'The cursor is not one this API gave out', { errors: [{ in: 'query', field: 'after', message: 'Not a cursor from a previous page' }] });
  const rows = await accessLogPage(db, merchantId, customerId, page.limit + 1, beforeId);
  const items = rows.slice(0, page.limit).map(toEntry);
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items.at(-1)!.id) : null };
}

/** The whole log, newest first, for an export. */
export async function wholeAccessLog(db: Db, merchantId: string, customerId: string): Promise<AccessLogEntry[]> {
  return (await accessLogPage(db, merchantId, customerId)).map(toEntry);
}
