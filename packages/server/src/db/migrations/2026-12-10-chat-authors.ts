import { sql, type Kysely } from 'kysely';

/**
 * Chat client ids belong to their author: a message is unique by author and
 * client id within its conversation, so an agent's reply is never taken for
 * the shopper's message that happens to share its id. A conversation keeps a
 * fingerprint of the request that started it, to refuse its client id sent
 * again with other content.
 *
 * Attachments used to hold whatever line a shopper sent; the store now fills
 * them in from the statement. Those kept from before that no statement line
 * could be as long as (a line's strings are bounded: a product name, an order
 * id, a date) are let go; the others keep showing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table messages drop constraint messages_merchant_id_conversation_id_client_id_key;
    create unique index messages_author_client on messages (merchant_id, conversation_id, author, author_id, client_id);
    alter table conversations add column request_hash text;
    update conversations set attachment = null where char_length(attachment::text) > 2000;
  `.execute(db);
}
