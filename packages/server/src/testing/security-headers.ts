import assert from 'node:assert/strict';

/** What every answer carries: no sniffing, no referrer leak, HSTS. */
export function assertSecurityHeaders(response: Response, what: string): void {
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.ok(response.headers.get('referrer-policy'), `${what}: a Referrer-Policy`);
  assert.match(response.headers.get('strict-transport-security') ?? '', /^max-age=\d{8,}/, `${what}: HSTS`);
}

/** What every answer but a widget bundle carries besides: no other site may frame it or embed it. */
export function assertNotFramedNorEmbedded(response: Response, what: string): void {
  assertSecurityHeaders(response, what);
  assert.equal(response.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `${what}: frame-ancestors`);
  assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', `${what}: CORP`);
}
