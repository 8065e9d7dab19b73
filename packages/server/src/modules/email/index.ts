// Email to shoppers: the sender that writes and sends what triggers put in the mail outbox (../mail-outbox), with consent; the unsubscribe link and the development mailbox.
export { DevMailbox, SmtpMailer, type Mailer } from './mailers.ts';
export { MailSender, scheduleMailSending, type MailSenderOptions } from './mail-sender.ts';
export { serveMailPages } from './mail-pages.routes.ts';
export { UnsubscribeLinks } from './unsubscribe-links.ts';
