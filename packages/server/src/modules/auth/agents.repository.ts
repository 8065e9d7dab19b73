import type { Db } from '../../db/schema.ts';

export async function findAgentByEmail(db: Db, merchantId: string, email: string) {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findAgent(db: Db, merchantId: string, id: string) {
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'email'])
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAgent(
  db: Db,
  agent: { merchantId: string; id: string; email: string; name: string; passwordHash: string },
): Promise<void> {
  await db
    .insertInto('agents')
    .values({ ...agent, email: agent.email.toLowerCase() })
    .execute();
}
