import pg from 'pg';

/** Runs one statement on the PostgreSQL server of `adminUrl` (creating or dropping a scratch database, say). */
export async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
