// Email to shoppers: the outbox triggers write their mail to, the sender that writes and sends it, the unsubscribe link and the development mailbox.
export { defaultEmailSettings, emailSettingsOf, putEmailSettings } from './email-settings.ts';
export { DevMailbox, SmtpMailer, type Mailer } from './mailers.ts';
export { MailSender, scheduleMailSending, type MailSenderOptions } from './mail-sender.ts';
export { serveMailPages } from './mail-pages.ts';
export { recordMail, type NewMail } from './outbox.ts';
export { UnsubscribeLinks } from './unsubscribe-links.ts';
