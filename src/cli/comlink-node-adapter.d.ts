// Comlink ships its Node adapter as .mjs with a plain .d.ts beside it; point the .mjs at those types.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
