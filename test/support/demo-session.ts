/** The demo store's secret key, as its backend sends it. */
export const demoBackend = { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' };

/** A session token for a customer of the demo store, minted with the secret key as the store's backend would. */
export async function demoSession(url: string, customerId: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: demoBackend, body: JSON.stringify({ customerId }) });
  if (response.status !== 201) throw new Error(`POST /v1/sessions for ${customerId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** What a page of the demo store sends as a signed-in shopper. */
export const asDemoShopper = (token: string) => ({ authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' });
