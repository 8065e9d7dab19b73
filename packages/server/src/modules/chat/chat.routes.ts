import {
  assignConversation,
  getAgentConversation,
  getAgentCustomer,
  getSupportAvailability,
  getSupportSettings as getSupportSettingsEndpoint,
  listCustomerConversations,
  listAgentConversations,
  listAgentMessages,
  listMyConversations as listMyConversationsEndpoint,
  listMyMessages,
  markAgentRead,
  markMyConversationRead,
  putSupportSettings as putSupportSettingsEndpoint,
  rateMyConversation,
  resolveConversation,
  sendAgentMessage,
  sendMyMessage,
  signalAgentTyping,
  signalMyTyping,
  startConversation as startConversationEndpoint,
  streamAgentEvents,
  streamMyConversation,
  streamMyEvents,
} from '@clientela/contract';
import { notFound } from '../../core/problem.ts';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { eventStreamResponse, lastEventIdOf, type StreamLimitName } from '../../http/event-stream.ts';
import type { TokenClaims } from '../auth/index.ts';
import { requireCustomer } from '../customers/index.ts';
import { recordAccess } from '../privacy/index.ts';
import { settleDuePoints } from '../loyalty/index.ts';
import { closeDueStatements } from '../statements/index.ts';
import type { EventScope } from './chat.repository.ts';
import { findConversation, touchPresence } from './chat.repository.ts';
import {
  agentConversation,
  agentInbox,
  assign,
  availability,
  customerConversations,
  getSupportSettings,
  listMyConversations,
  markRead,
  messagesOf,
  putSupportSettings,
  rate,
  resolve,
  sendMessage,
  signalTyping,
  startConversation,
} from './chat.service.ts';
import { customerPanel } from './customer-panel.ts';

export function chatRoutes(api: Api, deps: AppDeps): void {
  /**
   * Streams a scope's events, holding a slot of each limit named until the stream ends.
   * The caller reads Last-Event-ID and looks the scope up first: once the stream is
   * answered, a bad request could only break it, not be refused, and a refused one takes no slot.
   */
  const stream = (
    request: Request,
    caller: { merchant: { id: string }; session: TokenClaims },
    slots: ReadonlyArray<readonly [StreamLimitName, string]>,
    scope: EventScope,
    afterId: number,
    onBeat?: () => void,
  ) => {
    const merchantId = caller.merchant.id;
    const release = deps.streams.take(merchantId, slots);
    // A stream is let in once, when it opens: each heartbeat asks again, so a session ended since (signed out, revoked) loses its stream too.
    const endIfSessionEnded = (end: () => void) =>
      void deps.endedSessions.hasEnded(caller.session, deps.clock()).then(
        (ended) => ended && end(),
        () => undefined,
      );
    return eventStreamResponse(
      request,
      (send) => deps.chat.subscribe(merchantId, scope, afterId, ({ id, event }) => send({ id, type: event.type, data: event })),
      {
        heartbeatMs: deps.streams.heartbeatMs,
        onEnd: release,
        onBeat: (end) => {
          onBeat?.();
          endIfSessionEnded(end);
        },
      },
    );
  };
  // A session is one token: its id names it.
  const shopperSlots = (session: TokenClaims, customerId: string) =>
    [
      ['streamsPerSession', session.tokenId],
      ['streamsPerCustomer', customerId],
      ['shopperStreamsPerMerchant', '*'],
    ] as const;
  const shopper = (customerId: string) => ({ kind: 'shopper' as const, customerId });
  const agent = (agentId: string) => ({ kind: 'agent' as const, agentId });
  /** Every message, and every new conversation, counts against the store's and its sender's budgets. */
  const countMessage = (merchantId: string, sender: string) =>
    deps.rateLimits.take(merchantId, [
      ['messagesPerMerchant', '*'],
      ['messagesPerSender', sender],
    ]);

  api.mount(getSupportAvailability, ({ caller }) => availability(deps, caller.merchant));
  api.mount(getSupportSettingsEndpoint, ({ caller }) => getSupportSettings(deps, caller.merchant));
  api.mount(putSupportSettingsEndpoint, ({ caller, body }) => putSupportSettings(deps, caller.merchant, body));
  api.mount(listCustomerConversations, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    return customerConversations(deps, caller.merchant, params.id);
  });

  api.mount(listMyConversationsEndpoint, ({ caller }) => listMyConversations(deps, caller.merchant, caller.customerId));
  api.mount(startConversationEndpoint, async ({ caller, body }) => {
    await countMessage(caller.merchant.id, `shopper:${caller.customerId}`);
    // An attachment is read from the shopper's statement, as they read it.
    if (body.attachment) await closeDueStatements(deps, caller.merchant, caller.customerId);
    return startConversation(deps, caller.merchant, caller.customerId, body);
  });
  api.mount(listMyMessages, ({ caller, params, query }) => messagesOf(deps, caller.merchant, params.id, shopper(caller.customerId), query));
  api.mount(sendMyMessage, async ({ caller, params, body }) => {
    await countMessage(caller.merchant.id, `shopper:${caller.customerId}`);
    return sendMessage(deps, caller.merchant, params.id, shopper(caller.customerId), body);
  });
  api.mount(markMyConversationRead, ({ caller, params, body }) => markRead(deps, caller.merchant, params.id, shopper(caller.customerId), body.seq));
  api.mount(signalMyTyping, async ({ caller, params }) => {
    await deps.rateLimits.take(caller.merchant.id, [['typingPerSender', `shopper:${caller.customerId}`]]);
    return signalTyping(deps, caller.merchant, params.id, shopper(caller.customerId));
  });
  api.mount(rateMyConversation, ({ caller, params, body }) => rate(deps, caller.merchant, params.id, caller.customerId, body));
  api.mount(streamMyConversation, async ({ caller, params, request }) => {
    const afterId = lastEventIdOf(request, 0);
    if (!(await findConversation(deps.db, caller.merchant.id, params.id, caller.customerId))) throw notFound(`Conversation ${params.id}`);
    const scope = { customerId: caller.customerId, conversationId: params.id };
    return stream(request, caller, shopperSlots(caller.session, caller.customerId), scope, afterId);
  });
  api.mount(streamMyEvents, async ({ caller, request }) =>
    stream(request, caller, shopperSlots(caller.session, caller.customerId), { customerId: caller.customerId }, lastEventIdOf(request, 0)),
  );

  api.mount(listAgentConversations, ({ caller, query }) => agentInbox(deps, caller.merchant, caller.agentId, query));
  api.mount(getAgentConversation, ({ caller, params }) => agentConversation(deps, caller.merchant, params.id));
  api.mount(listAgentMessages, ({ caller, params, query }) => messagesOf(deps, caller.merchant, params.id, agent(caller.agentId), query));
  api.mount(sendAgentMessage, async ({ caller, params, body }) => {
    await countMessage(caller.merchant.id, `agent:${caller.agentId}`);
    return sendMessage(deps, caller.merchant, params.id, agent(caller.agentId), body);
  });
  api.mount(assignConversation, ({ caller, params, body }) =>
    assign(deps, caller.merchant, params.id, body.agentId === undefined ? caller.agentId : body.agentId),
  );
  api.mount(resolveConversation, ({ caller, params }) => resolve(deps, caller.merchant, params.id));
  api.mount(markAgentRead, ({ caller, params, body }) => markRead(deps, caller.merchant, params.id, agent(caller.agentId), body.seq));
  api.mount(signalAgentTyping, async ({ caller, params }) => {
    await deps.rateLimits.take(caller.merchant.id, [['typingPerSender', `agent:${caller.agentId}`]]);
    return signalTyping(deps, caller.merchant, params.id, agent(caller.agentId));
  });
  api.mount(streamAgentEvents, async ({ caller, request }) => {
    // An open agent stream is what "an agent is online" means; its heartbeat keeps saying so.
    const afterId = lastEventIdOf(request, 0);
    const seen = () => void touchPresence(deps.db, caller.merchant.id, caller.agentId, deps.clock()).catch(() => undefined);
    const slots = [
      ['streamsPerSession', caller.session.tokenId],
      ['agentStreamsPerMerchant', '*'],
    ] as const;
    await touchPresence(deps.db, caller.merchant.id, caller.agentId, deps.clock());
    return stream(request, caller, slots, {}, afterId, seen);
  });
  api.mount(getAgentCustomer, async ({ caller, params }) => {
    await settleDuePoints(deps, caller.merchant, params.id);
    await closeDueStatements(deps, caller.merchant, params.id);
    const panel = await customerPanel(deps, caller.merchant, params.id);
    await recordAccess(deps, caller.merchant.id, params.id, caller.agentId, 'customer-panel');
    return panel;
  });
}
