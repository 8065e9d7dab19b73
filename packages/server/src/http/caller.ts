import { staffRolesOf, type Audience, type StaffRole } from '@clientela/contract';
import type { Merchant } from '../core/merchant.ts';
import { ProblemError } from '../core/problem.ts';
import { isPublishableKey, isSecretKey, type MerchantDirectory, type TokenClaims, type TokenService } from '../modules/auth/index.ts';

export interface PublicCaller {
  merchant?: undefined;
}
/** A member of the store's staff, signed in: who they are, their role, and what their token says of the session. */
export interface StaffIdentity {
  id: string;
  role: StaffRole;
  session: TokenClaims;
}
export interface MerchantCaller {
  merchant: Merchant;
  /** The staff member calling with their token, where the endpoint lets staff in; null for a key. */
  staff: StaffIdentity | null;
}
export interface ShopperCaller {
  merchant: Merchant;
  customerId: string;
  /** What the token says of its session, to end it or to check it against the customer's row. */
  session: TokenClaims;
}
export interface AgentCaller {
  merchant: Merchant;
  agentId: string;
  role: StaffRole;
  /** What the token says of its session, to end it. */
  session: TokenClaims;
}

export type CallerOf<A extends Audience> = A extends 'public'
  ? PublicCaller
  : A extends 'publishable' | 'secret'
    ? MerchantCaller
    : A extends 'shopper'
      ? ShopperCaller
      : A extends 'agent'
        ? AgentCaller
        : never;

export const publishableKeyHeader = 'x-publishable-key';

/** The Bearer credential of a request, if it has one. */
export function bearer(request: Request): string | undefined {
  const value = request.headers.get('authorization');
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

const unauthenticated = (detail: string) => new ProblemError('unauthenticated', detail);

/** What a page sent that names no store: its text, shortened, so the problem can say which key it was. */
const shown = (key: string) => (key.length > 80 ? `${key.slice(0, 80)}…` : key);

const roleList = (roles: readonly StaffRole[]) => (roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)!}`);

/** A 403 for a staff role the endpoint does not let in, naming the roles it does. */
function forbiddenRole(role: StaffRole, allowed: readonly StaffRole[]): ProblemError {
  const detail =
    allowed.length === 0
      ? `Only the store's backend, with the secret key, may make this call; no staff role may (yours is ${role})`
      : `Your role, ${role}, may not make this call: it takes ${roleList(allowed)}`;
  return new ProblemError('forbidden-role', detail, { extensions: { roles: [...allowed] } });
}

interface Deps {
  directory: MerchantDirectory;
  tokens: TokenService;
}

/**
 * Works out who is calling, as the endpoint allows (its audience, and the
 * staff roles it lets in), or throws a 401/403 problem. This is where every
 * role is checked: an operation is authorized here before its handler runs.
 * Given an audience alone, it lets in what an endpoint of that audience
 * without a `staff` list would.
 */
export async function authenticate<A extends Audience>(
  of: A | { readonly audience: A; readonly staff?: readonly StaffRole[] },
  request: Request,
  deps: Deps,
): Promise<CallerOf<A>> {
  const endpoint = typeof of === 'string' ? { audience: of } : of;
  const { audience } = endpoint;
  if (audience === 'public') return {} as CallerOf<A>;
  const credential = bearer(request);
  const publishableKey = request.headers.get(publishableKeyHeader) ?? undefined;
  const keyMerchant = publishableKey ? await deps.directory.byPublishableKey(publishableKey) : undefined;
  if (publishableKey && !keyMerchant) {
    throw new ProblemError(
      'unknown-publishable-key',
      `The publishable key ${shown(publishableKey)} names no store: check the page's publishable key (a store that rolled its keys has a new one)`,
      { extensions: { publishableKey: shown(publishableKey) } },
    );
  }

  if (audience === 'publishable') {
    if (!keyMerchant) throw unauthenticated(`Send the publishable key in the ${publishableKeyHeader} header`);
    return { merchant: keyMerchant, staff: null } as CallerOf<A>;
  }

  const roles = staffRolesOf(endpoint);
  if (audience === 'secret' && credential && isSecretKey(credential)) {
    if (request.headers.has('origin')) {
      throw new ProblemError('forbidden-origin', 'Secret keys belong on servers; a browser page may not use one');
    }
    const merchant = await deps.directory.bySecretKey(credential);
    if (!merchant) throw unauthenticated('The secret key is not known');
    return { merchant, staff: null } as CallerOf<A>;
  }

  if (!credential || isSecretKey(credential) || isPublishableKey(credential)) {
    const wanted = audience === 'secret' ? (roles.length > 0 ? 'the secret key or a staff token' : 'the secret key') : `the ${audience === 'agent' ? 'staff' : audience} token`;
    throw unauthenticated(`Send ${wanted} as a Bearer token`);
  }
  const claims = await deps.tokens.verify(credential, audience === 'shopper' ? 'shopper' : 'agent');
  if (keyMerchant && keyMerchant.id !== claims.merchantId) {
    throw new ProblemError('invalid-token', 'The token belongs to another store than the publishable key: ask for a new one');
  }
  const merchant = keyMerchant ?? (await deps.directory.byId(claims.merchantId));
  if (!merchant) throw new ProblemError('invalid-token', 'The token is not valid');
  if (audience === 'shopper') return { merchant, customerId: claims.subject, session: claims } as unknown as CallerOf<A>;

  // Staff: tokens from before roles were their agents'.
  const role = claims.role ?? 'agent';
  if (!roles.includes(role)) throw forbiddenRole(role, roles);
  return (audience === 'agent'
    ? { merchant, agentId: claims.subject, role, session: claims }
    : { merchant, staff: { id: claims.subject, role, session: claims } }) as unknown as CallerOf<A>;
}
