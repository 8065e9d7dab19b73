import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/2026-11-23-foundation.ts';
import * as storeCard from './migrations/2026-11-24-store-card.ts';
import * as loyalty from './migrations/2026-11-25-loyalty.ts';
import * as wishlist from './migrations/2026-11-26-wishlist.ts';
import * as recommendations from './migrations/2026-11-27-recommendations.ts';
import * as chat from './migrations/2026-11-28-chat.ts';
import * as rateLimits from './migrations/2026-11-29-rate-limits.ts';
import * as webhooks from './migrations/2026-11-30-webhooks.ts';
import * as pointsLedgerSums from './migrations/2026-12-07-points-ledger-sums.ts';
import * as revolvingCredit from './migrations/2026-12-08-revolving-credit.ts';
import * as sessionsAndKeys from './migrations/2026-12-09-sessions-and-keys.ts';
import * as chatAuthors from './migrations/2026-12-10-chat-authors.ts';
import * as wideNumbers from './migrations/2026-12-11-wide-numbers.ts';
import * as customerSearch from './migrations/2026-12-12-customer-search.ts';
import * as keyRolls from './migrations/2026-12-12-key-rolls.ts';
import * as loyaltyPerLocale from './migrations/2026-12-12-loyalty-per-locale.ts';
import * as staffRoles from './migrations/2026-12-12-staff-roles.ts';
import * as recommendationSignals from './migrations/2026-12-13-recommendation-signals.ts';
import * as privacy from './migrations/2026-12-14-privacy.ts';
import * as ordersAndQuestions from './migrations/2026-12-15-orders-and-questions.ts';
import * as email from './migrations/2026-12-16-email.ts';

/** Every migration, by date; the same list runs on PGlite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  '2026-11-23-foundation': foundation,
  '2026-11-24-store-card': storeCard,
  '2026-11-25-loyalty': loyalty,
  '2026-11-26-wishlist': wishlist,
  '2026-11-27-recommendations': recommendations,
  '2026-11-28-chat': chat,
  '2026-11-29-rate-limits': rateLimits,
  '2026-11-30-webhooks': webhooks,
  '2026-12-07-points-ledger-sums': pointsLedgerSums,
  '2026-12-08-revolving-credit': revolvingCredit,
  '2026-12-09-sessions-and-keys': sessionsAndKeys,
  '2026-12-10-chat-authors': chatAuthors,
  '2026-12-11-wide-numbers': wideNumbers,
  '2026-12-12-customer-search': customerSearch,
  '2026-12-12-key-rolls': keyRolls,
  '2026-12-12-loyalty-per-locale': loyaltyPerLocale,
  '2026-12-12-staff-roles': staffRoles,
  '2026-12-13-recommendation-signals': recommendationSignals,
  '2026-12-14-privacy': privacy,
  '2026-12-15-orders-and-questions': ordersAndQuestions,
  '2026-12-16-email': email,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  await migrate(db);
}

/** Runs the migrations up to and with `name` only: a database as an earlier version of the server left it. */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`No migration ${name}`);
  await migrate(db, name);
}

async function migrate(db: Kysely<any>, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
