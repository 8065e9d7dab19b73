// Not public API: what @clientela/staff builds its elements from, shared with
// the shopper widgets so that neither copies the other (the base class,
// strings and formats, the state views, the chat's channel and its views).
// It may change in any release; a store page never imports it.
export { CrmElement } from './internal/crm-element.ts';
export { LocalizeController } from './internal/localize.ts';
export { errorMessage } from './internal/state-views.ts';
export { isolate, isolatedText } from './internal/isolate.ts';
export { scriptOrigin } from './internal/script-origin.ts';
export { newIdempotencyKey } from './internal/idempotency-key.ts';
export { baseStyles, tierBadgeStyles } from './internal/theme.ts';
export { ChatChannel, type OutgoingMessage } from './internal/chat-channel.ts';
export type { OutboxItem } from './internal/outbox.ts';
export { attachmentCard, chatStyles, sendOnEnter, sentAt, thread } from './internal/chat-views.ts';
export { CrmErrorEvent } from './events/error.ts';
export { eventName } from './internal/react-event.ts';
