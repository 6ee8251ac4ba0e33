// The few autocannon options and results the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    /** Seconds the run took. */
    duration: number;
  }
  export interface Options {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    workers?: number;
    headers?: Record<string, string>;
    body?: string;
    idReplacement?: boolean;
  }
  export default function autocannon(opts: Options): Promise<Result>;
}
