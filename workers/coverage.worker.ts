import { expose } from 'comlink';
import { createCoverageApi } from './coverage-api.ts';

expose(createCoverageApi());
