import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { fileProtocolNotice } from './src/app/shell/file-protocol-notice.ts';

// The app is served from the repository root; sample FlatGeobuf files live in public/data
// so that `vite` and `vite preview` answer HTTP Range requests for them (bbox reads).
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: {
    format: 'es',
  },
  plugins: [
    // Opened from file://, the page says what to do instead of staying blank (modules cannot load there).
    { name: 'vunglom-file-protocol-notice', transformIndexHtml: (html) => html.replace('<body>', `<body>${fileProtocolNotice()}`) },
    // An installable, offline app: workers/service-worker.ts stores every file of the build on the first visit.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'service-worker.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: [],
      manifest: {
        name: 'Vùng Lõm — bản đồ vùng lõm sóng / coverage-gap map',
        short_name: 'Vùng Lõm',
        description: 'Thôn, bản chưa có băng rộng di động và cáp quang / villages without mobile broadband and fibre',
        lang: 'vi',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#263238',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{html,js,mjs,wasm,css,svg,png,json,geojson,fgb,pbf,txt,webmanifest}'],
        // The national communes (7 MB) are stored too: the map needs them for context offline.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
    }),
  ],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
