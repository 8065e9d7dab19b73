import type { NewStaffMember, StaffAccount, StaffChange, StaffRole } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { isUniqueViolation } from '../../core/idempotency.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import type { Database } from '../../db/schema.ts';
import { createStaffMember } from './auth.service.ts';
import type { EndedSessions } from './ended-sessions.ts';
import { hashPassword } from './passwords.ts';
import { findStaffMember, listStaffMembers, lockOwners, markStaffRemoved, updateStaffMember } from './staff.repository.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  endedSessions: EndedSessions;
}

const account = (row: { id: string; name: string; email: string; role: StaffRole; createdAt: Date }): StaffAccount => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
});

const lastOwner = () => new ProblemError('conflict', 'The store would be left without an owner: make someone else an owner first');

export async function listStaff(deps: Pick<Deps, 'db'>, merchantId: string) {
  return { items: (await listStaffMembers(deps.db, merchantId)).map(account) };
}

/** Adds a member to the staff; an email another member has is a 409. */
export async function addStaffMember(deps: Pick<Deps, 'db'>, merchantId: string, input: NewStaffMember): Promise<StaffAccount> {
  try {
    return await createStaffMember(deps.db, merchantId, input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ProblemError('conflict', `A member of the staff already signs in as ${input.email.toLowerCase()}`);
  }
}

/**
 * Changes a member's name, role or password. A new role or a new password
 * ends every session of theirs, on this instance at once and on others
 * within seconds (see `EndedSessions`): a session never outlives the role it
 * was signed in with. The store keeps at least one owner.
 */
export async function changeStaffMember(deps: Deps, merchantId: string, id: string, change: StaffChange): Promise<StaffAccount> {
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  const now = deps.clock();
  const { row, endedAt } = await deps.db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, merchantId);
    const member = await findStaffMember(trx, merchantId, id);
    if (!member) throw notFound(`Staff member ${id}`);
    if (member.role === 'owner' && change.role !== 'owner' && owners.length === 1) throw lastOwner();
    const endsSessions = member.role !== change.role || passwordHash !== undefined;
    const updated = await updateStaffMember(trx, merchantId, id, {
      name: change.name,
      role: change.role,
      ...(passwordHash === undefined ? {} : { passwordHash }),
      ...(endsSessions ? { endSessionsAt: now } : {}),
    });
    if (!updated) throw notFound(`Staff member ${id}`);
    return { row: updated, endedAt: endsSessions ? now : undefined };
  });
  if (endedAt) deps.endedSessions.noteEnded('agent', merchantId, id, row.sessionVersion, endedAt);
  return account(row);
}

/** Removes a member from the staff and ends their sessions; the last owner stays. */
export async function removeStaffMember(deps: Deps, merchantId: string, id: string): Promise<void> {
  const now = deps.clock();
  const removed = await deps.db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, merchantId);
    if (owners.length === 1 && owners[0] === id) throw lastOwner();
    const row = await markStaffRemoved(trx, merchantId, id, now);
    if (!row) throw notFound(`Staff member ${id}`);
    return row;
  });
  deps.endedSessions.noteEnded('agent', merchantId, id, removed.sessionVersion, now);
}
