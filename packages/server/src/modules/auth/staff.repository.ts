import type { StaffRole } from '@clientela/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

const memberColumns = ['id', 'name', 'email', 'role', 'createdAt'] as const;

/** The member of the staff signing in with this email: removed members sign in no more. */
export async function findStaffByEmail(db: Db, merchantId: string, email: string) {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('email', '=', email.toLowerCase())
    .where('removedAt', 'is', null)
    .executeTakeFirst();
}

/** A member of the staff, unless removed. */
export async function findStaffMember(db: Db, merchantId: string, id: string) {
  return db
    .selectFrom('staff')
    .select(memberColumns)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
}

/** The store's staff, owners first, then admins, then agents, each by name. */
export async function listStaffMembers(db: Db, merchantId: string) {
  return db
    .selectFrom('staff')
    .select(memberColumns)
    .where('merchantId', '=', merchantId)
    .where('removedAt', 'is', null)
    .orderBy(sql`array_position(array['owner', 'admin', 'agent'], role)`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function insertStaffMember(
  db: Db,
  member: { merchantId: string; id: string; email: string; name: string; passwordHash: string; role: StaffRole },
) {
  return db
    .insertInto('staff')
    .values({ ...member, email: member.email.toLowerCase() })
    .returning(memberColumns)
    .executeTakeFirstOrThrow();
}

/**
 * The store's owners, locked until the transaction ends: a change that could
 * leave the store without one takes this lock first, so two owners demoting
 * each other at once cannot both succeed.
 */
export async function lockOwners(db: Db, merchantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('role', '=', 'owner')
    .where('removedAt', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

/** Changes a member's name, role and (given a hash) password; raising the session version ends their sessions. */
export async function updateStaffMember(
  db: Db,
  merchantId: string,
  id: string,
  change: { name: string; role: StaffRole; passwordHash?: string; endSessionsAt?: Date },
) {
  return db
    .updateTable('staff')
    .set({
      name: change.name,
      role: change.role,
      ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
      ...(change.endSessionsAt === undefined ? {} : { sessionVersion: sql<number>`session_version + 1`, sessionsEndedAt: change.endSessionsAt }),
    })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .returning([...memberColumns, 'sessionVersion'])
    .executeTakeFirst();
}

/** Removes a member from the staff, ending their sessions; their row stays, so what they wrote keeps their name. */
export async function markStaffRemoved(db: Db, merchantId: string, id: string, at: Date) {
  return db
    .updateTable('staff')
    .set({ removedAt: at, sessionVersion: sql<number>`session_version + 1`, sessionsEndedAt: at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .returning(['id', 'sessionVersion'])
    .executeTakeFirst();
}
