import { expose } from 'comlink';
import { createPlanningApi } from './planning-api.ts';

expose(createPlanningApi());
