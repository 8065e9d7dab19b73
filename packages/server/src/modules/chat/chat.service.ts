import { randomBytes } from 'node:crypto';
import type {
  AgentConversation,
  Availability,
  ChatAttachment,
  ChatAttachmentReference,
  ChatEvent,
  ChatMessage,
  Conversation,
  ConversationList,
  MessageAuthor,
  NewConversation,
  Rating,
  SupportSettings,
  Tier,
} from '@clientela/contract';
import type { Kysely, Transaction } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import { isUniqueViolation, requestFingerprint } from '../../core/idempotency.ts';
import type { Merchant } from '../../core/merchant.ts';
import { myOrderSummary } from '../orders/index.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import { localDate } from '../../core/time-zone.ts';
import type { Database } from '../../db/schema.ts';
import { findStaffMember } from '../auth/index.ts';
import { recordMail } from '../mail-outbox/index.ts';
import { myStatementLine } from '../statements/index.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';
import type { ChatHub } from './chat-hub.ts';
import {
  agentName,
  agentsSeenSince,
  appendChatEvent,
  conversationsOf,
  findConversation,
  findConversationByClientId,
  findMessage,
  findMessageByClientId,
  inbox,
  insertConversation,
  insertMessage,
  lastEventId,
  lockConversation,
  messagesBefore,
  putSupportHours,
  supportHours,
  updateConversation,
  type Author,
  type ConversationRow,
  type MessageRow,
} from './chat.repository.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  chat: ChatHub;
}

/** Who is writing: a shopper (only in their own conversations) or an agent of the store. */
export type Actor = { kind: 'shopper'; customerId: string } | { kind: 'agent'; agentId: string };

/** How long an agent's reply waits for the shopper to read it in the chat before it is mailed to them. */
export const chatReplyMailDelayMs = 10 * 60_000;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

const authorOf = (actor: Actor): Author =>
  actor.kind === 'shopper' ? { author: 'shopper', authorId: actor.customerId } : { author: 'agent', authorId: actor.agentId };

export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    author: row.author as MessageAuthor,
    authorName: row.authorName,
    body: row.body,
    sentAt: row.createdAt.toISOString(),
  };
}

async function toConversation(db: Kysely<Database> | Transaction<Database>, merchantId: string, row: ConversationRow): Promise<Conversation> {
  const last = row.lastSeq > 0 ? await findMessage(db, merchantId, row.id, row.lastSeq) : undefined;
  return {
    id: row.id,
    status: row.status as Conversation['status'],
    subject: row.subject,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastMessage: last ? toMessage(last) : null,
    unread: row.unreadByShopper,
    agentReadSeq: row.agentReadSeq,
    assignedAgent: row.assignedAgentId && row.agentName ? { id: row.assignedAgentId, name: row.agentName } : null,
    rating: row.rating === null ? null : { score: row.rating, comment: row.ratingComment ?? '' },
    attachment: (row.attachment as ChatAttachment | null) ?? null,
    startedOffline: row.startedOffline,
  };
}

async function toAgentConversation(db: Kysely<Database> | Transaction<Database>, merchantId: string, row: ConversationRow): Promise<AgentConversation> {
  return {
    ...(await toConversation(db, merchantId, row)),
    customer: { id: row.customerId, name: row.customerName, tier: row.customerTier as Tier },
    unreadByAgents: row.unreadByAgents,
    shopperReadSeq: row.shopperReadSeq,
  };
}

/** The conversation, or a 404 for one that is not there or not the shopper's. */
async function visible(db: Kysely<Database> | Transaction<Database>, merchantId: string, id: string, actor: Actor) {
  const row = await findConversation(db, merchantId, id, actor.kind === 'shopper' ? actor.customerId : undefined);
  if (!row) throw notFound(`Conversation ${id}`);
  return row;
}

/** Writes events and lets the streams know once the transaction has committed. */
async function inTransaction<T>(deps: Deps, merchantId: string, work: (trx: Transaction<Database>, emit: (conversation: { id: string; customerId: string }, event: ChatEvent) => Promise<void>) => Promise<T>): Promise<T> {
  let emitted = false;
  const result = await deps.db.transaction().execute((trx) =>
    work(trx, async (conversation, event) => {
      await appendChatEvent(trx, merchantId, { conversationId: conversation.id, customerId: conversation.customerId, payload: event, at: deps.clock() });
      emitted = true;
    }),
  );
  if (emitted) await deps.chat.announce(merchantId);
  return result;
}

// Availability -------------------------------------------------------------

const presenceWindowMs = 75_000;

/** Whether a chat gets answered now: an agent online (a live agent stream) within business hours. */
export async function availability(deps: Deps, merchant: Merchant): Promise<Availability> {
  const now = deps.clock();
  const hours = (await supportHours(deps.db, merchant.id)) ?? null;
  const local = new Intl.DateTimeFormat('en-US', { timeZone: merchant.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => local.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  const time = `${part('hour')}:${part('minute')}`;
  // Without hours set, the store is open whenever an agent is.
  const withinHours = hours === null || hours.some((slot) => slot.day === day && slot.opens <= time && time < slot.closes);
  const agents = await agentsSeenSince(deps.db, merchant.id, new Date(now.getTime() - presenceWindowMs));
  let opensAt: string | null = null;
  if (!withinHours && hours && hours.length > 0) {
    for (let ahead = 0; ahead <= 7 && opensAt === null; ahead++) {
      const date = localDate(new Date(now.getTime() + ahead * 86_400_000), merchant.timeZone);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      const slot = hours
        .filter((s) => s.day === weekday && (ahead > 0 || s.opens > time))
        .sort((a, b) => a.opens.localeCompare(b.opens))[0];
      if (slot) opensAt = zonedInstant(date, slot.opens, merchant.timeZone).toISOString();
    }
  }
  return { online: withinHours && agents > 0, withinHours, opensAt };
}

/** The instant of a local date and time in a time zone. */
function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(guess);
  const [d, t] = shown.split(', ') as [string, string];
  const offset = new Date(`${d}T${t}:00Z`).getTime() - guess.getTime();
  return new Date(guess.getTime() - offset);
}

/** The business hours set; none when the store set none (support is then open whenever an agent is). */
export async function getSupportSettings(deps: Deps, merchant: Merchant): Promise<SupportSettings> {
  return { hours: (await supportHours(deps.db, merchant.id)) ?? [] };
}

export async function putSupportSettings(deps: Deps, merchant: Merchant, settings: SupportSettings) {
  const bad = settings.hours.findIndex((slot) => slot.closes <= slot.opens);
  if (bad >= 0) {
    throw new ProblemError('invalid-request', `Check body.hours.${bad}.closes`, { errors: [{ in: 'body', field: `hours.${bad}.closes`, message: 'Closes after it opens' }] });
  }
  await putSupportHours(deps.db, merchant.id, settings.hours);
  return settings;
}

// Shopper --------------------------------------------------------------------

/** A customer's conversations as agents see them, most recently active first. */
export async function customerConversations(deps: Deps, merchant: Merchant, customerId: string) {
  const rows = await conversationsOf(deps.db, merchant.id, customerId);
  return { items: await Promise.all(rows.map((row) => toAgentConversation(deps.db, merchant.id, row))) };
}

export async function listMyConversations(deps: Deps, merchant: Merchant, customerId: string): Promise<ConversationList> {
  // The cursor first: whatever happens after it reaches the stream, even if the list already shows it.
  const eventCursor = String(await lastEventId(deps.db, merchant.id));
  const rows = await conversationsOf(deps.db, merchant.id, customerId);
  return { items: await Promise.all(rows.map((row) => toConversation(deps.db, merchant.id, row))), eventCursor };
}

/** What the shopper asks about, read from their own statement or orders: never what they say it holds. */
async function attachmentOf(deps: Deps, merchant: Merchant, customerId: string, reference: ChatAttachmentReference): Promise<ChatAttachment> {
  if (reference.kind === 'order') return { kind: 'order', order: await myOrderSummary(deps.db, merchant, customerId, reference.orderId) };
  const line = await myStatementLine(deps, merchant, customerId, reference.period, reference.seq);
  if (!line) throw notFound(`Line ${reference.seq} of statement ${reference.period}`);
  return { kind: 'statement-line', period: reference.period, line };
}

/**
 * Starts a conversation with its first message; a retry with the same client
 * id answers the same conversation, and the same client id with other
 * content is refused.
 */
export async function startConversation(deps: Deps, merchant: Merchant, customerId: string, input: z.output<typeof NewConversation>) {
  const fingerprint = requestFingerprint(input);
  const replay = async () => {
    const existing = await findConversationByClientId(deps.db, merchant.id, customerId, input.clientId);
    if (!existing) return undefined;
    // Conversations started before fingerprints were kept answer any retry.
    if (existing.requestHash !== null && existing.requestHash !== fingerprint) {
      throw new ProblemError('conflict', `Conversation ${input.clientId} was started with other content`);
    }
    return new WithStatus(await toConversation(deps.db, merchant.id, existing), 200);
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const attachment = input.attachment && (await attachmentOf(deps, merchant, customerId, input.attachment));
  const online = (await availability(deps, merchant)).online;
  try {
    const id = await inTransaction(deps, merchant.id, async (trx, emit) => {
      const customer = await trx.selectFrom('customers').select('id').where('merchantId', '=', merchant.id).where('id', '=', customerId).executeTakeFirst();
      if (!customer) throw notFound(`Customer ${customerId}`);
      const now = deps.clock();
      const id = newId('conv');
      const subject = input.subject || input.message.body.slice(0, 80);
      await insertConversation(trx, {
        merchantId: merchant.id,
        id,
        customerId,
        subject,
        status: 'open',
        assignedAgentId: null,
        lastSeq: 1,
        clientId: input.clientId,
        requestHash: fingerprint,
        attachment: attachment ? JSON.stringify(attachment) : null,
        startedOffline: !online,
        createdAt: now,
        updatedAt: now,
      });
      const message = { merchantId: merchant.id, conversationId: id, seq: 1, id: newId('msg'), clientId: input.message.clientId, author: 'shopper', authorId: customerId, body: input.message.body, createdAt: now };
      await insertMessage(trx, message);
      await recordWebhookEvents(trx, merchant.id, [{ type: 'conversation.created', data: { conversationId: id, customerId, subject, startedOffline: !online } }], now);
      await emit({ id, customerId }, { type: 'conversation', conversationId: id });
      await emit({ id, customerId }, { type: 'message', conversationId: id, message: toMessage({ ...message, authorName: null }) });
      return id;
    });
    return new WithStatus(await toConversation(deps.db, merchant.id, (await findConversation(deps.db, merchant.id, id))!), 201);
  } catch (error) {
    // Two tabs started it at once: the other one won.
    if (isUniqueViolation(error)) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
}

/** A message its author sent again: the one stored, unless the same client id came with another body. */
function resent(existing: MessageRow, body: string) {
  if (existing.body !== body) throw new ProblemError('conflict', `Message ${existing.clientId} was sent with another body`);
  return new WithStatus(toMessage(existing), 200);
}

/**
 * Adds a message under the conversation's lock, so seqs come without gaps
 * in the order messages were accepted. The same client id again from the
 * same author is the same message: answered with its stored id and seq,
 * stored once.
 */
export async function sendMessage(deps: Deps, merchant: Merchant, conversationId: string, actor: Actor, input: { clientId: string; body: string }) {
  const author = authorOf(actor);
  try {
    return await inTransaction(deps, merchant.id, async (trx, emit) => {
      const conversation = await lockConversation(trx, merchant.id, conversationId, actor.kind === 'shopper' ? actor.customerId : undefined);
      if (!conversation) throw notFound(`Conversation ${conversationId}`);
      const existing = await findMessageByClientId(trx, merchant.id, conversationId, author, input.clientId);
      if (existing) return resent(existing, input.body);
      const now = deps.clock();
      const seq = conversation.lastSeq + 1;
      const message = {
        merchantId: merchant.id,
        conversationId,
        seq,
        id: newId('msg'),
        clientId: input.clientId,
        ...author,
        body: input.body,
        createdAt: now,
      };
      await insertMessage(trx, message);
      // A shopper's message waits for the store; an agent's answer waits for the shopper (and claims an unassigned chat).
      const status = actor.kind === 'shopper' ? 'open' : 'pending';
      const assignedAgentId = actor.kind === 'agent' && !conversation.assignedAgentId ? actor.agentId : conversation.assignedAgentId;
      await updateConversation(trx, merchant.id, conversationId, {
        lastSeq: seq,
        updatedAt: now,
        status,
        assignedAgentId,
        ...(actor.kind === 'agent' ? { agentReadSeq: seq } : { shopperReadSeq: seq }),
      });
      if (actor.kind === 'agent') {
        // Mailed only if the shopper has not read it after a while; every reply until they read goes in that one mail.
        const reply = { conversationId, afterSeq: conversation.shopperReadSeq };
        const mail = { customerId: conversation.customerId, kind: 'chat-reply' as const, eventKey: `${conversationId}:${conversation.shopperReadSeq}`, facts: reply };
        await recordMail(trx, merchant.id, [{ ...mail, notBefore: new Date(now.getTime() + chatReplyMailDelayMs) }], now);
      }
      const authorName = actor.kind === 'agent' ? ((await agentName(trx, merchant.id, actor.agentId)) ?? null) : null;
      const target = { id: conversationId, customerId: conversation.customerId };
      await emit(target, { type: 'message', conversationId, message: toMessage({ ...message, authorName }) });
      if (status !== conversation.status || assignedAgentId !== conversation.assignedAgentId) {
        await emit(target, { type: 'conversation', conversationId });
      }
      return new WithStatus(toMessage({ ...message, authorName }), 201);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findMessageByClientId(deps.db, merchant.id, conversationId, author, input.clientId);
    if (!existing) throw error;
    return resent(existing, input.body);
  }
}

export async function messagesOf(deps: Deps, merchant: Merchant, conversationId: string, actor: Actor, page: { before?: number; limit: number }) {
  await visible(deps.db, merchant.id, conversationId, actor);
  const { rows, hasMore } = await messagesBefore(deps.db, merchant.id, conversationId, page.before, page.limit);
  return { items: rows.map(toMessage), hasMore };
}

/** A read receipt: who read up to which seq. It only moves forward. */
export async function markRead(deps: Deps, merchant: Merchant, conversationId: string, actor: Actor, seq: number) {
  await inTransaction(deps, merchant.id, async (trx, emit) => {
    const conversation = await lockConversation(trx, merchant.id, conversationId, actor.kind === 'shopper' ? actor.customerId : undefined);
    if (!conversation) throw notFound(`Conversation ${conversationId}`);
    const current = actor.kind === 'shopper' ? conversation.shopperReadSeq : conversation.agentReadSeq;
    const next = Math.min(seq, conversation.lastSeq);
    if (next <= current) return;
    await updateConversation(trx, merchant.id, conversationId, actor.kind === 'shopper' ? { shopperReadSeq: next } : { agentReadSeq: next });
    await emit({ id: conversationId, customerId: conversation.customerId }, { type: 'read', conversationId, reader: actor.kind, seq: next });
  });
}

export async function signalTyping(deps: Deps, merchant: Merchant, conversationId: string, actor: Actor) {
  const conversation = await visible(deps.db, merchant.id, conversationId, actor);
  await deps.chat.announceTyping(merchant.id, conversationId, conversation.customerId, actor.kind);
}

export async function rate(deps: Deps, merchant: Merchant, conversationId: string, customerId: string, rating: Rating) {
  await inTransaction(deps, merchant.id, async (trx, emit) => {
    const conversation = await lockConversation(trx, merchant.id, conversationId, customerId);
    if (!conversation) throw notFound(`Conversation ${conversationId}`);
    if (conversation.status !== 'resolved') throw new ProblemError('conflict', 'Only a resolved conversation can be rated');
    await updateConversation(trx, merchant.id, conversationId, { rating: rating.score, ratingComment: rating.comment });
    await emit({ id: conversationId, customerId }, { type: 'conversation', conversationId });
  });
  return toConversation(deps.db, merchant.id, await visible(deps.db, merchant.id, conversationId, { kind: 'shopper', customerId }));
}

// Agent ----------------------------------------------------------------------

export async function agentInbox(deps: Deps, merchant: Merchant, agentId: string, filter: { view: 'unassigned' | 'mine' | 'all'; status: string; limit: number }) {
  const eventCursor = String(await lastEventId(deps.db, merchant.id));
  const rows = await inbox(deps.db, merchant.id, { ...filter, agentId });
  return { items: await Promise.all(rows.map((row) => toAgentConversation(deps.db, merchant.id, row))), eventCursor };
}

export async function agentConversation(deps: Deps, merchant: Merchant, conversationId: string) {
  const row = await findConversation(deps.db, merchant.id, conversationId);
  if (!row) throw notFound(`Conversation ${conversationId}`);
  return toAgentConversation(deps.db, merchant.id, row);
}

/** Assigns to a member of the store's staff (or unassigns with null). */
export async function assign(deps: Deps, merchant: Merchant, conversationId: string, agentId: string | null) {
  if (agentId !== null && !(await findStaffMember(deps.db, merchant.id, agentId))) {
    throw new ProblemError('invalid-request', 'Check body.agentId', { errors: [{ in: 'body', field: 'agentId', message: 'No such member of the staff in this store' }] });
  }
  await inTransaction(deps, merchant.id, async (trx, emit) => {
    const conversation = await lockConversation(trx, merchant.id, conversationId);
    if (!conversation) throw notFound(`Conversation ${conversationId}`);
    if (conversation.assignedAgentId === agentId) return;
    await updateConversation(trx, merchant.id, conversationId, { assignedAgentId: agentId });
    await emit({ id: conversationId, customerId: conversation.customerId }, { type: 'conversation', conversationId });
  });
  return agentConversation(deps, merchant, conversationId);
}

export async function resolve(deps: Deps, merchant: Merchant, conversationId: string) {
  await inTransaction(deps, merchant.id, async (trx, emit) => {
    const conversation = await lockConversation(trx, merchant.id, conversationId);
    if (!conversation) throw notFound(`Conversation ${conversationId}`);
    if (conversation.status === 'resolved') return;
    await updateConversation(trx, merchant.id, conversationId, { status: 'resolved', updatedAt: deps.clock() });
    const data = { conversationId, customerId: conversation.customerId, assignedAgentId: conversation.assignedAgentId };
    await recordWebhookEvents(trx, merchant.id, [{ type: 'conversation.resolved', data }], deps.clock());
    await emit({ id: conversationId, customerId: conversation.customerId }, { type: 'conversation', conversationId });
  });
  return agentConversation(deps, merchant, conversationId);
}
