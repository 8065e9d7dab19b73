import http from 'node:http';
import https from 'node:https';
import { checkLiteralHost, publicOnlyLookup } from './private-networks.ts';

/**
 * POSTs a webhook body and resolves to the status code of the answer as soon
 * as its head arrives (the answer's body is not read); rejects on a network
 * error or when `signal` aborts. Redirects are not followed: a 3xx is an
 * answer like any other that is not a 2xx.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { signal: AbortSignal; allowPrivateNetworks: boolean },
): Promise<number> {
  const url = new URL(target);
  if (!options.allowPrivateNetworks) checkLiteralHost(url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: options.signal,
        agent: false,
        ...(options.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
