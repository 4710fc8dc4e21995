/** Upper bounds in seconds of the latency histogram buckets. */
const LATENCY_BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];

/**
 * One serving process's counters and gauges as plain data: what a worker
 * sends over IPC so that `/metrics` reports the whole service
 * (`leadlift serve --workers N`), not whichever process took the scrape.
 */
export interface MetricsSnapshot {
  /** [route, status, count] per route and status seen. */
  readonly requests: ReadonlyArray<readonly [string, number, number]>;
  /** Requests per latency bucket (`LATENCY_BOUNDS`, then +Inf), not cumulative. */
  readonly buckets: readonly number[];
  readonly latencySum: number;
  readonly latencyCount: number;
  readonly reloadsOk: number;
  readonly reloadsFailed: number;
  readonly leadsScored: number;
  /** When the served model was loaded (epoch ms). */
  readonly modelLoadedAt: number;
  /** Whether the last reload failed, so an older model than the file is served. */
  readonly modelStale: boolean;
  readonly residentBytes: number;
}

/** Request and reload counters of one process. */
export class ServiceMetrics {
  private readonly requests = new Map<string, number>();
  private readonly bucketCounts = new Array<number>(LATENCY_BOUNDS.length + 1).fill(0);
  private latencySum = 0;
  private latencyCount = 0;
  reloadsOk = 0;
  reloadsFailed = 0;
  leadsScored = 0;

  observe(route: string, status: number, seconds: number): void {
    const key = `${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let b = 0;
    while (b < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[b]) b++;
    this.bucketCounts[b] += 1;
    this.latencySum += seconds;
    this.latencyCount += 1;
  }

  snapshot(modelLoadedAt: number, lastReloadOk = true): MetricsSnapshot {
    return {
      requests: [...this.requests].map(([key, count]) => {
        const [route, status] = key.split("\u0000");
        return [route, Number(status), count] as const;
      }),
      buckets: [...this.bucketCounts],
      latencySum: this.latencySum,
      latencyCount: this.latencyCount,
      reloadsOk: this.reloadsOk,
      reloadsFailed: this.reloadsFailed,
      leadsScored: this.leadsScored,
      modelLoadedAt,
      modelStale: !lastReloadOk,
      residentBytes: process.memoryUsage.rss(),
    };
  }

  render(modelLoadedAt: number, now: number, lastReloadOk = true): string {
    return renderMetrics([this.snapshot(modelLoadedAt, lastReloadOk)], now);
  }
}

/**
 * The Prometheus text (format 0.0.4) for the service made of these
 * processes: counters, histogram and resident memory summed; the model age
 * of the oldest model served and "stale" when any process serves an older
 * model than the file, so that neither hides behind a healthy sibling.
 */
export function renderMetrics(snapshots: readonly MetricsSnapshot[], now: number): string {
  const requests = new Map<string, number>();
  const buckets = new Array<number>(LATENCY_BOUNDS.length + 1).fill(0);
  const sum = (pick: (s: MetricsSnapshot) => number) => snapshots.reduce((total, s) => total + pick(s), 0);
  for (const s of snapshots) {
    for (const [route, status, count] of s.requests) {
      const key = `${route}\u0000${status}`;
      requests.set(key, (requests.get(key) ?? 0) + count);
    }
    s.buckets.forEach((count, b) => (buckets[b] += count));
  }
  const oldest = Math.min(...snapshots.map((s) => s.modelLoadedAt));
  const lines: string[] = [];
  lines.push("# HELP leadlift_requests_total HTTP requests by route and status.", "# TYPE leadlift_requests_total counter");
  for (const [key, count] of [...requests].sort()) {
    const [route, status] = key.split("\u0000");
    lines.push(`leadlift_requests_total{route="${route}",status="${status}"} ${count}`);
  }
  lines.push("# HELP leadlift_request_duration_seconds Request latency.", "# TYPE leadlift_request_duration_seconds histogram");
  let cumulative = 0;
  LATENCY_BOUNDS.forEach((bound, b) => {
    cumulative += buckets[b];
    lines.push(`leadlift_request_duration_seconds_bucket{le="${bound}"} ${cumulative}`);
  });
  cumulative += buckets[LATENCY_BOUNDS.length];
  lines.push(`leadlift_request_duration_seconds_bucket{le="+Inf"} ${cumulative}`);
  lines.push(`leadlift_request_duration_seconds_sum ${sum((s) => s.latencySum)}`, `leadlift_request_duration_seconds_count ${sum((s) => s.latencyCount)}`);
  lines.push("# HELP leadlift_leads_scored_total Leads scored.", "# TYPE leadlift_leads_scored_total counter", `leadlift_leads_scored_total ${sum((s) => s.leadsScored)}`);
  lines.push("# HELP leadlift_model_reloads_total Model file reloads by result.", "# TYPE leadlift_model_reloads_total counter");
  lines.push(`leadlift_model_reloads_total{result="ok"} ${sum((s) => s.reloadsOk)}`, `leadlift_model_reloads_total{result="failed"} ${sum((s) => s.reloadsFailed)}`);
  lines.push("# HELP leadlift_model_age_seconds Seconds since the served model was loaded (the oldest, with several workers).", "# TYPE leadlift_model_age_seconds gauge");
  lines.push(`leadlift_model_age_seconds ${((now - oldest) / 1000).toFixed(3)}`);
  lines.push(
    "# HELP leadlift_model_stale 1 when the last reload failed, so an older model than the file is served (in any worker).",
    "# TYPE leadlift_model_stale gauge",
    `leadlift_model_stale ${snapshots.some((s) => s.modelStale) ? 1 : 0}`,
  );
  lines.push("# HELP leadlift_workers Processes serving requests that answered this scrape.", "# TYPE leadlift_workers gauge", `leadlift_workers ${snapshots.length}`);
  lines.push(
    "# HELP process_resident_memory_bytes Resident memory size in bytes (summed over the workers).",
    "# TYPE process_resident_memory_bytes gauge",
    `process_resident_memory_bytes ${sum((s) => s.residentBytes)}`,
  );
  return `${lines.join("\n")}\n`;
}
