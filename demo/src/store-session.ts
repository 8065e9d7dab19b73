/**
 * How a merchant's page gets Clientela sessions: its own backend knows who is
 * signed in to the store and mints a short-lived shopper token for them.
 */
export interface DemoShopper {
  id: string;
  name: string;
  locale: 'es' | 'en';
}

export async function listShoppers(): Promise<{ shoppers: DemoShopper[]; signedIn: string | null }> {
  const response = await fetch('/demo/api/shoppers');
  if (!response.ok) throw new Error(`Shoppers: HTTP ${response.status}`);
  return response.json();
}

/** A fresh token for whoever is signed in to the store, or an empty string for nobody. */
export async function fetchToken(): Promise<string> {
  const response = await fetch('/demo/api/session', { cache: 'no-store' });
  if (response.status === 204) return '';
  if (!response.ok) throw new Error(`Session: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

export async function signIn(customerId: string): Promise<void> {
  const response = await fetch('/demo/api/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  if (!response.ok) throw new Error(`Sign-in: HTTP ${response.status}`);
}

export async function signOut(): Promise<void> {
  await fetch('/demo/api/sign-out', { method: 'POST' });
}
