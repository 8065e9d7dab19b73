import type { Client } from '@clientela/client';
import type { AgentSession } from '@clientela/contract';
import { agentLogin, agentLogout } from '@clientela/contract/routes';

/**
 * A staff member's session in this browser, the same for the agent console
 * and the back office: kept per store (its publishable key) in
 * sessionStorage, so one sign-in serves both within a tab and ends with it.
 */
const sessionKey = (publishableKey: string) => `clientela:agent-session:${publishableKey}`;

/**
 * Where the device token of an account's last sign-in on this browser is
 * kept: sent back with the next, it keeps this device signing in while wrong
 * passwords from elsewhere make others wait. It outlives the tab.
 */
const deviceKey = (publishableKey: string, email: string) => `clientela:agent-device:${publishableKey}:${email.trim().toLowerCase()}`;

/** The session kept for this store, unless it has expired. */
export function storedSession(publishableKey: string): AgentSession | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(sessionKey(publishableKey)) ?? 'null') as AgentSession | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/** Keeps the session for this store, or forgets it (`null`). */
export function keepSession(publishableKey: string, session: AgentSession | null): void {
  if (session) sessionStorage.setItem(sessionKey(publishableKey), JSON.stringify(session));
  else sessionStorage.removeItem(sessionKey(publishableKey));
}

/** Signs a member in, with this browser's device token for the account, and keeps the new one. */
export async function signIn(client: Client, publishableKey: string, email: string, password: string): Promise<AgentSession> {
  const deviceToken = localStorage.getItem(deviceKey(publishableKey, email));
  const session = await client.call(agentLogin, { body: { email, password, ...(deviceToken ? { deviceToken } : {}) } });
  localStorage.setItem(deviceKey(publishableKey, email), session.deviceToken);
  return session;
}

/** Ends the session on the server too, so its token is refused from now on. */
export function signOut(client: Client): Promise<unknown> {
  return client.call(agentLogout, { body: {} });
}
