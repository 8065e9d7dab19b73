// Support chat: conversations between shoppers and the store's agents, and the hub that streams their events.
export { ChatHub } from './chat-hub.ts';
