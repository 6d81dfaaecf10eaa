import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createCoverageApi } from '../../workers/coverage-api.ts';

if (!parentPort) throw new Error('coverage-thread.ts runs only as a worker thread.');
expose(createCoverageApi(), nodeEndpoint(parentPort));
