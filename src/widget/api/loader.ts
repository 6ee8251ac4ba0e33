import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads a component's data, and loads it again whenever the arguments change (compared with ===).
 * The part of `@lit/task` these components use, in a quarter of its bytes: the widget has a size
 * budget. An answer that arrives after a newer run started is dropped.
 */
export class Loader<A extends readonly unknown[], T> implements ReactiveController {
  /** The last answer; kept while a new run is pending. */
  value?: T;
  /** Why the last run failed; cleared when a run starts. */
  error?: unknown;
  /** True from the start of a run until its answer or failure. */
  pending = false;
  /** The arguments of the last run. */
  #ranWith?: A;
  #run = 0;
  readonly #host: ReactiveControllerHost;
  readonly #load: (args: A) => Promise<T>;
  readonly #args: () => A;
  readonly #onError?: (error: unknown) => void;

  constructor(host: ReactiveControllerHost, load: (args: A) => Promise<T>, args: () => A, onError?: (error: unknown) => void) {
    this.#host = host;
    this.#load = load;
    this.#args = args;
    this.#onError = onError;
    host.addController(this);
  }

  hostUpdate() {
    const args = this.#args();
    if (!this.#ranWith || args.some((v, i) => v !== this.#ranWith![i])) void this.run(args);
  }

  /** Runs now with the current arguments (a Retry button). */
  async run(args = this.#args()): Promise<void> {
    const run = ++this.#run;
    this.#ranWith = args;
    this.pending = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const value = await this.#load(args);
      if (run === this.#run) this.value = value;
    } catch (error) {
      if (run === this.#run) {
        this.error = error;
        this.#onError?.(error);
      }
    }
    if (run === this.#run) {
      this.pending = false;
      this.#host.requestUpdate();
    }
  }
}
