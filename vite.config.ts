/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { cataloguePlugin } from './scripts/build/catalogue-plugin.ts';

/**
 * The built app talks to nobody but its own origin. The policy is added to the built page only:
 * the dev server injects inline scripts for hot reload that a strict policy would block.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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

export default defineConfig({
  // Relative asset URLs, so dist/ works from any folder of any static host.
  base: './',
  plugins: [
    react(),
    cataloguePlugin(process.env.OPSREADY_CATALOGUE_DIR ?? 'controls'),
    contentSecurityPolicy(),
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
