export { createClient, type Client, type ClientOptions, type Operation } from './client.ts';
export { ApiError, ContractError, NetworkError } from './errors.ts';
export { openEventStream, type EventStream, type EventStreamOptions, type StreamMessage, type StreamState } from './event-stream.ts';
export { verifyWebhookSignature } from './webhooks.ts';
