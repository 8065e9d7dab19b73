// Privacy and data rights: the consent store every module asks ("may I?"), the staff's access log, export, erasure and retention.
export { recordAccess } from './access-log.ts';
export { answerConsents, mayProcess, mayProcessSql } from './consent-store.ts';
export { privacySettingsOf } from './privacy-settings.ts';
export { scheduleRetention } from './retention.ts';
