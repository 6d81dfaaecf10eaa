#!/usr/bin/env node
// `npx vunglom …`: run the TypeScript CLI through tsx, installed with the project by `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
