/**
 * Vite build of the Marsad web UI (Preact). `vite build web` (npm run
 * build:web) writes dist/web, which `marsad serve` serves at /. Everything
 * is bundled, the Noto Naskh Arabic font included: the page loads nothing
 * from another origin. Assets are never inlined as data: URIs, so the
 * server's Content-Security-Policy can stay at 'self'.
 */
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: "es2020",
    // One small app: no module preload polyfill (it would be an inline-free script anyway, but nothing needs it).
    modulePreload: { polyfill: false },
  },
  server: {
    host: "127.0.0.1",
    // `npm run dev:web` with `marsad serve` on 8080: the API is proxied.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
