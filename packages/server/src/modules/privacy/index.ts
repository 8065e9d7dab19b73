// Privacy and data rights: the consent store every module asks ("may I?"), the staff's access log, export, erasure and retention.
export { recordAccess } from './access-log.ts';
export { mayProcess, mayProcessSql } from './consent-store.ts';
export { scheduleRetention } from './retention.ts';
