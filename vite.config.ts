/// <reference types="vitest/config" />
import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { appIcons, ICONS } from './scripts/build/app-icons.ts';
import { cataloguePlugin } from './scripts/build/catalogue-plugin.ts';
import { firstPagePreload } from './scripts/build/first-page-preload.ts';

/**
 * The app talks to nobody but its own origin and runs no inline script. The built page carries
 * the policy in a meta element, so it holds on any static host.
 */
const POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  // The service worker that keeps the app working offline, and the manifest that installs it.
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

const policyText = (policy: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');

const CONTENT_SECURITY_POLICY = policyText(POLICY);

function contentSecurityPolicy(): Plugin {
  return {
    name: 'opsready-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The same policy for `npm run dev`, sent as a header. Hot reload needs two things the built app
 * does not: the inline scripts Vite and the React plugin inject, allowed by a nonce Vite puts on
 * each of them (`html.cspNonce`, fresh on every start, so a page cannot carry a valid one), and the
 * websocket that brings updates. Anything else inline, such as a script a hostile note managed to
 * inject, is still refused.
 */
function devContentSecurityPolicy(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  return {
    name: 'opsready-dev-csp',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address !== null ? address.port : undefined;
        const websocket = port === undefined ? [] : [`ws://127.0.0.1:${String(port)}`];
        res.setHeader(
          'Content-Security-Policy',
          policyText({
            ...POLICY,
            'script-src': [...(POLICY['script-src'] ?? []), `'nonce-${nonce}'`],
            // Vite's client adds each imported stylesheet as a style element with the nonce.
            'style-src': [...(POLICY['style-src'] ?? []), `'nonce-${nonce}'`],
            'connect-src': [...(POLICY['connect-src'] ?? []), ...websocket],
            'frame-ancestors': ["'none'"],
          }),
        );
        next();
      });
    },
  };
}

/**
 * Offline after one visit: the service worker precaches every file of the build (the app, every
 * page, the PDF code and its fonts, the demo and the schemas), so the app opens, scores and
 * exports with the network off. It fetches nothing from anywhere else and caches nothing at run
 * time. A new version waits for the user to reload (src/components/UpdateBanner.tsx).
 */
function offline(): Plugin[] {
  return VitePWA({
    registerType: 'prompt',
    // Registered by UpdateBanner after the first paint, not by a script in the page.
    injectRegister: false,
    manifest: {
      name: 'OpsReady — operational security readiness',
      short_name: 'OpsReady',
      description: 'Operational-security readiness for DeFi teams and auditors.',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0f3d3e',
      icons: [
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ...ICONS.map((icon) => ({
          src: icon.file,
          sizes: `${String(icon.size)}x${String(icon.size)}`,
          type: 'image/png',
          ...(icon.maskable ? { purpose: 'maskable' } : {}),
        })),
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,ttf,json,webmanifest}'],
      // The two PDF fonts are about 0.7 MB each.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  // Relative asset URLs, so dist/ works from any folder of any static host.
  base: './',
  plugins: [
    react(),
    cataloguePlugin(process.env.OPSREADY_CATALOGUE_DIR ?? 'controls'),
    contentSecurityPolicy(),
    devContentSecurityPolicy(),
    appIcons(),
    firstPagePreload(),
    offline(),
  ],
  build: {
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/component/setup.ts'],
          // Whole pages of 78 controls in jsdom, on shared machines: a slow run is not a failure.
          // Speed is measured by `npm run bench`, never by a test timing out.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
