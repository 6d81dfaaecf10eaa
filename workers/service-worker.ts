/// <reference lib="webworker" />
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';

/**
 * The offline app: every file of the build (the app, the Kon Tum sample, the basemap, the glyphs) is
 * stored on the first visit and served from the store afterwards, so the app opens and analyses the
 * sample with no network. Range requests on a stored file (FlatGeobuf bounding-box reads) are
 * answered with 206 from the stored whole file. Nothing else is stored: a user's files picked from
 * disk never pass through here, and data at other URLs goes to the network as if there were no worker.
 */

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

registerRoute(
  ({ request, url }) => request.headers.has('range') && url.origin === self.location.origin,
  async ({ request }) => {
    const stored = await matchPrecache(request.url);
    return stored ? withoutEncoding(await createPartialResponse(request, stored)) : fetch(request);
  },
);

/**
 * The stored file is kept decoded, but with the headers it came with: a `Content-Encoding: gzip`
 * left on a slice of it would say the bytes are compressed, and the app's range reader rightly
 * refuses a compressed range (it would be a range of the compressed file).
 */
function withoutEncoding(response: Response): Response {
  if (!response.headers.has('content-encoding')) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Any query (?lang=en, ?villages=…) still opens the stored page.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// A new build replaces the old one at once (the page reloads its data from the new store).
self.addEventListener('install', () => {
  void self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
