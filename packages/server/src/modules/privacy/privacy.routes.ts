import {
  eraseCustomer as eraseCustomerEndpoint,
  exportCustomerData,
  exportMyData,
  getCustomerAccessLog,
  getCustomerConsents,
  getMyAccessLog,
  getMyConsents,
  getPrivacySettings,
  putCustomerConsents,
  putMyConsents,
  putPrivacySettings as putPrivacySettingsEndpoint,
  requestMyErasure,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { StaffIdentity } from '../../http/caller.ts';
import type { Api } from '../../http/api.ts';
import { findStaffMember } from '../auth/index.ts';
import { requireCustomer } from '../customers/index.ts';
import { settleDuePoints } from '../loyalty/index.ts';
import { closeDueStatements } from '../statements/index.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Merchant } from '../../core/merchant.ts';
import { accessLogOf, recordAccess } from './access-log.ts';
import { answerConsents, consentsOf, type ConsentAuthor } from './consent-store.ts';
import { exportCustomer } from './customer-export.ts';
import { eraseMe } from './erasure-request.ts';
import { eraseCustomer } from './erasure.ts';
import { privacySettingsOf, putPrivacySettings } from './privacy-settings.ts';

export function privacyRoutes(api: Api, deps: AppDeps): void {
  /** The store as the author of a consent it records: the staff member with their name and role now, or its backend. */
  const storeAuthor = async (merchantId: string, staff: StaffIdentity | null): Promise<ConsentAuthor> => {
    if (staff === null) return { kind: 'backend' };
    const member = await findStaffMember(deps.db, merchantId, staff.id);
    if (!member) throw new ProblemError('session-ended', 'You are no longer on the staff of this store');
    return { kind: 'staff', id: member.id, name: member.name, role: member.role };
  };

  api.mount(getMyConsents, ({ caller }) => consentsOf(deps.db, caller.merchant.id, caller.customerId));
  api.mount(putMyConsents, async ({ caller, body }) => {
    await answerConsents(deps.db, caller.merchant.id, caller.customerId, body, { kind: 'shopper' }, deps.clock());
    return consentsOf(deps.db, caller.merchant.id, caller.customerId);
  });
  api.mount(getCustomerConsents, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    return consentsOf(deps.db, caller.merchant.id, params.id);
  });
  api.mount(putCustomerConsents, async ({ caller, params, body }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    await answerConsents(deps.db, caller.merchant.id, params.id, body, await storeAuthor(caller.merchant.id, caller.staff), deps.clock());
    return consentsOf(deps.db, caller.merchant.id, params.id);
  });

  api.mount(getPrivacySettings, ({ caller }) => privacySettingsOf(deps.db, caller.merchant.id));
  api.mount(putPrivacySettingsEndpoint, ({ caller, body }) => putPrivacySettings(deps.db, caller.merchant.id, body));

  api.mount(getMyAccessLog, ({ caller, query }) => accessLogOf(deps.db, caller.merchant.id, caller.customerId, query));
  api.mount(getCustomerAccessLog, async ({ caller, params, query }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    return accessLogOf(deps.db, caller.merchant.id, params.id, query);
  });

  api.mount(exportMyData, ({ caller }) => exportCustomer(deps, caller.merchant, caller.customerId));
  api.mount(exportCustomerData, async ({ caller, params }) => {
    const data = await exportCustomer(deps, caller.merchant, params.id);
    await recordAccess(deps, caller.merchant.id, params.id, caller.staff?.id ?? null, 'export');
    return data;
  });
}

/**
 * The erasures, mounted with the operations that end sessions (after every
 * other, see `sessionEndingRoutes`): an erasure ends the shopper's sessions
 * for good.
 */
export function erasureRoutes(api: Api, deps: AppDeps): void {
  api.mount(requestMyErasure, async ({ caller, body }) => {
    if (body.confirmation !== undefined) await settleBeforeErasure(deps, caller.merchant, caller.customerId);
    return eraseMe(deps, caller.merchant, caller.customerId, body.confirmation);
  });
  api.mount(eraseCustomerEndpoint, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    await settleBeforeErasure(deps, caller.merchant, params.id);
    return eraseCustomer(deps, caller.merchant, params.id, 'store');
  });
}

/** An erasure keeps the financial records complete: points due are settled and statements due closed first. */
async function settleBeforeErasure(deps: AppDeps, merchant: Merchant, customerId: string): Promise<void> {
  await settleDuePoints(deps, merchant, customerId);
  await closeDueStatements(deps, merchant, customerId);
}
