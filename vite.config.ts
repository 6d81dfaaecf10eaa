import { defineConfig } from 'vite';

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
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
