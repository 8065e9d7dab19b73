/**
 * Whether a shopper lets the store profile them: record what they browse and
 * use it, with their purchases, to choose what to show them.
 *
 * The one place the events and recommendations services ask. Until shoppers
 * can give or refuse consent (`GET/PUT /v1/me/consents`, the privacy work),
 * every shopper is `allowed`; that work wires this function to their answer,
 * and both services then keep and use no browsing signal of a shopper who
 * refused. A visitor who is not signed in has no consent of their own here:
 * the store's page asks for cookie consent before its widgets keep an id.
 */
export async function profilingConsentOf(_merchantId: string, _customerId: string): Promise<'allowed' | 'refused'> {
  return 'allowed';
}
