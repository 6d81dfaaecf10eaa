import { proxy, transfer, wrap, type Remote } from 'comlink';
import type {
  AnalysisInput,
  AnalysisParams,
  ExportRequest,
  ProposalsFile,
  LoadSummary,
  OperatorViewResult,
  OptimiseProgress,
  PlanRequest,
  PlanResult,
  PlanningWorkerApi,
  ProposedSite,
  ProposeResult,
} from '../../../workers/planning-protocol.ts';

/**
 * The planning worker seen from the page: created on first use, loaded with the current analysis
 * input, and replaced when a plan is cancelled. `planOperator` runs synchronously in the worker and
 * checks its signal only between steps, so a message could never reach it: cancelling terminates
 * the worker, rejects every pending call with an `AbortError`, and the next call starts a fresh one.
 */

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export class PlanningClient {
  private worker: Worker | null = null;
  private remote: Remote<PlanningWorkerApi> | null = null;
  private loading: Promise<LoadSummary> | null = null;
  private source: { input: AnalysisInput; params: AnalysisParams } | { share: (port: MessagePort) => Promise<boolean> } | null = null;
  private readonly pending = new Set<(error: unknown) => void>();

  /** The analysis every later call works on; the worker reloads it on its next call. */
  setInput(input: AnalysisInput, params: AnalysisParams): void {
    this.source = { input, params };
    this.loading = null;
  }

  /**
   * Plan on the analysis another worker already computed: `share` hands it one end of a message
   * channel and posts the analysis there (worker to worker), this worker listens on the other end.
   */
  setShared(share: (port: MessagePort) => Promise<boolean>): void {
    this.source = { share };
    this.loading = null;
  }

  get hasInput(): boolean {
    return this.source !== null;
  }

  /** Loads the input if needed; resolves with what the worker holds. */
  load(): Promise<LoadSummary> {
    return this.call((api) => this.ensureLoaded(api));
  }

  propose(sites: ProposedSite[]): Promise<ProposeResult> {
    return this.call(async (api) => {
      await this.ensureLoaded(api);
      return api.propose(sites);
    });
  }

  operatorView(operator: string): Promise<OperatorViewResult> {
    return this.call(async (api) => {
      await this.ensureLoaded(api);
      return api.operatorView(operator);
    });
  }

  exportProposals(request: ExportRequest): Promise<ProposalsFile> {
    return this.call(async (api) => {
      await this.ensureLoaded(api);
      return api.exportProposals(request);
    });
  }

  /**
   * Runs the optimiser. `signal` (or `cancel()`) terminates the worker: the call rejects with an
   * `AbortError`, and so does any other call still waiting on that worker.
   */
  plan(request: PlanRequest, existing: ProposedSite[], options: { signal?: AbortSignal; onProgress?: (p: OptimiseProgress) => void } = {}): Promise<PlanResult> {
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(abortError('The optimiser was cancelled.'));
    const onAbort = (): void => this.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    return this.call(async (api) => {
      await this.ensureLoaded(api);
      return api.plan(request, existing, onProgress ? proxy(onProgress) : undefined);
    }).finally(() => signal?.removeEventListener('abort', onAbort));
  }

  /** Stops whatever the worker is doing (see the class comment). */
  cancel(): void {
    this.drop(abortError('The optimiser was cancelled.'));
  }

  /** Ends the worker for good (until the next call). */
  dispose(): void {
    this.drop(abortError('The planning worker was closed.'));
  }

  private drop(error: unknown): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.loading = null;
    for (const reject of [...this.pending]) reject(error);
    this.pending.clear();
  }

  private api(): Remote<PlanningWorkerApi> {
    if (!this.remote) {
      const worker = new Worker(new URL('../../../workers/planning.worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('error', (event) => {
        if (this.worker === worker) this.drop(new Error(`The planning worker failed: ${event.message || 'unknown error'}`));
      });
      this.worker = worker;
      this.remote = wrap<PlanningWorkerApi>(worker);
    }
    return this.remote;
  }

  private ensureLoaded(api: Remote<PlanningWorkerApi>): Promise<LoadSummary> {
    if (!this.source) return Promise.reject(new Error('No analysis to plan on yet: wait until coverage is computed.'));
    if (!this.loading) {
      const source = this.source;
      let loading: Promise<LoadSummary>;
      if ('share' in source) {
        const channel = new MessageChannel();
        loading = api.loadShared(transfer(channel.port2, [channel.port2]));
        // A failed hand-over posts nothing: end the wait with the sharer's error.
        source.share(channel.port1).catch((error: unknown) => {
          if (this.loading === loading) this.drop(error);
        });
      } else {
        loading = api.load(source.input, source.params);
      }
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** One call on the current worker, rejected if that worker is terminated first. */
  private call<T>(body: (api: Remote<PlanningWorkerApi>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      body(this.api()).then(resolve, reject).finally(() => this.pending.delete(reject));
    });
  }
}
