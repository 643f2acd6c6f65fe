// The service worker (registered by app.js once the page is drawn): keeps the page working
// offline after the first visit. It precaches every file the page loads into a versioned cache,
// then answers those requests network-first, so a visitor online always gets the current files
// (and refreshes the cache), and a visitor offline gets the cached ones. A new version of this
// file installs in the background and activates only when no page uses the old one (no
// skipWaiting), so a running session is never switched mid-way; activation deletes the caches
// of older versions.
// tests/e2e/offline.test.mjs checks ASSETS against the requests the page really makes.

/** Bump when ASSETS or the caching changes. */
const VERSION = 'v3';
const CACHE = `ticket-insights-${VERSION}`;

/** Every file the page at ./ loads (both wasm modules), relative to this file. */
const ASSETS = [
  './',
  'index.html',
  'app.js',
  'predictor-wasm.js',
  'predictor.js',
  'format.js',
  'card.js',
  'dashboard.js',
  'studio-wasm.js',
  'canvas.js',
  'studio.js',
  'train-worker.js',
  'scan-worker.js',
  'score-worker.js',
  'style.css',
  'data/customer_support_tickets.csv',
  '../pkg/predictor/predictor.js',
  '../pkg/predictor/predictor_bg.wasm',
  '../pkg/studio/studio.js',
  '../pkg/studio/studio_bg.wasm',
];

const urls = new Set(ASSETS.map((a) => new URL(a, self.location).href));

self.addEventListener('install', (event) => {
  // `reload`: fill the cache from the server, not from a possibly stale HTTP cache.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('ticket-insights-') && name !== CACHE) await caches.delete(name);
    }
    // Control the page that registered this worker, so it works offline from its next load on.
    await self.clients.claim();
  })());
});

/** The network's answer (stored for next time), or the cached one when the network fails. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (!urls.has(url.href)) return;
  event.respondWith(networkFirst(request, url.href));
});
