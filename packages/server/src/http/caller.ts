import type { Audience } from '@clientela/contract';
import type { Merchant } from '../core/merchant.ts';
import { ProblemError } from '../core/problem.ts';
import { isPublishableKey, isSecretKey, type MerchantDirectory, type TokenClaims, type TokenService } from '../modules/auth/index.ts';

export interface PublicCaller {
  merchant?: undefined;
}
export interface MerchantCaller {
  merchant: Merchant;
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

function bearer(request: Request): string | undefined {
  const value = request.headers.get('authorization');
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

const unauthenticated = (detail: string) => new ProblemError('unauthenticated', detail);

/** Works out who is calling, as the endpoint's audience requires, or throws a 401/403 problem. */
export async function authenticate<A extends Audience>(
  audience: A,
  request: Request,
  deps: { directory: MerchantDirectory; tokens: TokenService },
): Promise<CallerOf<A>> {
  if (audience === 'public') return {} as CallerOf<A>;
  const credential = bearer(request);
  const publishableKey = request.headers.get(publishableKeyHeader) ?? undefined;
  const keyMerchant = publishableKey ? await deps.directory.byPublishableKey(publishableKey) : undefined;
  if (publishableKey && !keyMerchant) throw unauthenticated('The publishable key is not known');

  if (audience === 'publishable') {
    if (!keyMerchant) throw unauthenticated(`Send the publishable key in the ${publishableKeyHeader} header`);
    return { merchant: keyMerchant } as CallerOf<A>;
  }

  if (audience === 'secret') {
    if (!credential || !isSecretKey(credential)) throw unauthenticated('Send the secret key as a Bearer token');
    if (request.headers.has('origin')) {
      throw new ProblemError('forbidden-origin', 'Secret keys belong on servers; a browser page may not use one');
    }
    const merchant = await deps.directory.bySecretKey(credential);
    if (!merchant) throw unauthenticated('The secret key is not known');
    return { merchant } as CallerOf<A>;
  }

  if (!credential || isSecretKey(credential) || isPublishableKey(credential)) {
    throw unauthenticated(`Send the ${audience} token as a Bearer token`);
  }
  const claims = await deps.tokens.verify(credential, audience === 'agent' ? 'agent' : 'shopper');
  if (keyMerchant && keyMerchant.id !== claims.merchantId) throw unauthenticated('The token belongs to another store');
  const merchant = keyMerchant ?? (await deps.directory.byId(claims.merchantId));
  if (!merchant) throw unauthenticated('The token is not valid');
  return (audience === 'agent'
    ? { merchant, agentId: claims.subject, session: claims }
    : { merchant, customerId: claims.subject, session: claims }) as unknown as CallerOf<A>;
}
