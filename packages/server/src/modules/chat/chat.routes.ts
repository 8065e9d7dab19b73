import {
  assignConversation,
  getAgentConversation,
  getAgentCustomer,
  getSupportAvailability,
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
import type { AppDeps } from '../../app.ts';
import type { Api } from '../../http/api.ts';
import { eventStreamResponse, lastEventIdOf } from '../../http/event-stream.ts';
import { notFound } from '../../http/problem.ts';
import type { EventScope } from './chat.repository.ts';
import { findConversation, touchPresence } from './chat.repository.ts';
import {
  agentConversation,
  agentInbox,
  assign,
  availability,
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
  // The caller reads Last-Event-ID first: once the stream is answered, a bad one could only break it, not be refused.
  const stream = (request: Request, merchantId: string, scope: EventScope, afterId: number, onBeat?: () => void) =>
    eventStreamResponse(
      request,
      (send) => deps.chat.subscribe(merchantId, scope, afterId, ({ id, event }) => send({ id, type: event.type, data: event })),
      onBeat,
    );
  const shopper = (customerId: string) => ({ kind: 'shopper' as const, customerId });
  const agent = (agentId: string) => ({ kind: 'agent' as const, agentId });
  /** Every message, and every new conversation, counts against the store's and its sender's budgets. */
  const countMessage = (merchantId: string, sender: string) =>
    deps.rateLimits.take(merchantId, [
      ['messagesPerMerchant', '*'],
      ['messagesPerSender', sender],
    ]);

  api.mount(getSupportAvailability, ({ caller }) => availability(deps, caller.merchant));
  api.mount(putSupportSettingsEndpoint, ({ caller, body }) => putSupportSettings(deps, caller.merchant, body));

  api.mount(listMyConversationsEndpoint, ({ caller }) => listMyConversations(deps, caller.merchant, caller.customerId));
  api.mount(startConversationEndpoint, async ({ caller, body }) => {
    await countMessage(caller.merchant.id, `shopper:${caller.customerId}`);
    return startConversation(deps, caller.merchant, caller.customerId, body);
  });
  api.mount(listMyMessages, ({ caller, params, query }) => messagesOf(deps, caller.merchant, params.id, shopper(caller.customerId), query));
  api.mount(sendMyMessage, async ({ caller, params, body }) => {
    await countMessage(caller.merchant.id, `shopper:${caller.customerId}`);
    return sendMessage(deps, caller.merchant, params.id, shopper(caller.customerId), body);
  });
  api.mount(markMyConversationRead, ({ caller, params, body }) => markRead(deps, caller.merchant, params.id, shopper(caller.customerId), body.seq));
  api.mount(signalMyTyping, ({ caller, params }) => signalTyping(deps, caller.merchant, params.id, shopper(caller.customerId)));
  api.mount(rateMyConversation, ({ caller, params, body }) => rate(deps, caller.merchant, params.id, caller.customerId, body));
  api.mount(streamMyConversation, async ({ caller, params, request }) => {
    const afterId = lastEventIdOf(request, 0);
    if (!(await findConversation(deps.db, caller.merchant.id, params.id, caller.customerId))) throw notFound(`Conversation ${params.id}`);
    return stream(request, caller.merchant.id, { customerId: caller.customerId, conversationId: params.id }, afterId);
  });
  api.mount(streamMyEvents, async ({ caller, request }) =>
    stream(request, caller.merchant.id, { customerId: caller.customerId }, lastEventIdOf(request, 0)),
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
  api.mount(signalAgentTyping, ({ caller, params }) => signalTyping(deps, caller.merchant, params.id, agent(caller.agentId)));
  api.mount(streamAgentEvents, async ({ caller, request }) => {
    // An open agent stream is what "an agent is online" means; its heartbeat keeps saying so.
    const afterId = lastEventIdOf(request, 0);
    const seen = () => void touchPresence(deps.db, caller.merchant.id, caller.agentId, deps.clock()).catch(() => undefined);
    await touchPresence(deps.db, caller.merchant.id, caller.agentId, deps.clock());
    return stream(request, caller.merchant.id, {}, afterId, seen);
  });
  api.mount(getAgentCustomer, ({ caller, params }) => customerPanel(deps, caller.merchant, params.id));
}
