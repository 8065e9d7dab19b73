// The mail outbox: what a trigger (a price drop, a closed statement, an agent's reply) writes in its own transaction, and the store's mail settings it reads; the email module sends it.
export { defaultEmailSettings, emailSettingsOf, putEmailSettings } from './email-settings.ts';
export { recordMail, type NewMail } from './outbox.ts';
