/**
 * The headers that tell browsers how to treat what the server answers.
 *
 * Strict-Transport-Security goes on every answer, over HTTP too: browsers
 * ignore it on an answer that did not come over HTTPS (RFC 6797, 8.1), so it
 * takes effect exactly when the server is reached over HTTPS, directly or
 * behind a proxy, without the server having to know which. Without
 * `includeSubDomains`: the server's host is not a promise for its neighbours.
 */
const everyAnswer = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000',
} as const;

/**
 * Pages and data of this origin alone: no other site may frame them
 * (clickjacking; X-Frame-Options for browsers without CSP 2) or load them as
 * a resource of its own (CORP; calls from merchants' pages use CORS, which
 * CORP does not restrict).
 */
export const sameOriginHeaders = {
  ...everyAnswer,
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** API answers are data, never documents: nothing in them may load or run, nor be framed. */
export const apiSecurityHeaders = {
  ...sameOriginHeaders,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/**
 * The widget bundles are scripts that merchants' pages on other origins load:
 * CORP lets them (CORS, set with them, lets module scripts run), and framing
 * does not apply to a script.
 */
export const widgetBundleHeaders = {
  ...everyAnswer,
  'cross-origin-resource-policy': 'cross-origin',
} as const;

/** Sets the headers on an answer already built (the API builds its answers with them instead: see `apiHeaders`). */
export function setHeaders(target: Headers, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) target.set(name, value);
}
