/** Request and reload counters, rendered in the Prometheus text format (version 0.0.4). */
export class ServiceMetrics {
  private readonly requests = new Map<string, number>();
  /** Upper bounds in seconds of the latency histogram buckets. */
  private readonly bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];
  private readonly bucketCounts = new Array<number>(this.bounds.length + 1).fill(0);
  private latencySum = 0;
  private latencyCount = 0;
  reloadsOk = 0;
  reloadsFailed = 0;
  leadsScored = 0;

  observe(route: string, status: number, seconds: number): void {
    const key = `${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let b = 0;
    while (b < this.bounds.length && seconds > this.bounds[b]) b++;
    this.bucketCounts[b] += 1;
    this.latencySum += seconds;
    this.latencyCount += 1;
  }

  render(modelLoadedAt: number, now: number, lastReloadOk = true): string {
    const lines: string[] = [];
    lines.push("# HELP leadlift_requests_total HTTP requests by route and status.", "# TYPE leadlift_requests_total counter");
    for (const [key, count] of [...this.requests].sort()) {
      const [route, status] = key.split("\u0000");
      lines.push(`leadlift_requests_total{route="${route}",status="${status}"} ${count}`);
    }
    lines.push("# HELP leadlift_request_duration_seconds Request latency.", "# TYPE leadlift_request_duration_seconds histogram");
    let cumulative = 0;
    this.bounds.forEach((bound, b) => {
      cumulative += this.bucketCounts[b];
      lines.push(`leadlift_request_duration_seconds_bucket{le="${bound}"} ${cumulative}`);
    });
    cumulative += this.bucketCounts[this.bounds.length];
    lines.push(`leadlift_request_duration_seconds_bucket{le="+Inf"} ${cumulative}`);
    lines.push(`leadlift_request_duration_seconds_sum ${this.latencySum}`, `leadlift_request_duration_seconds_count ${this.latencyCount}`);
    lines.push("# HELP leadlift_leads_scored_total Leads scored.", "# TYPE leadlift_leads_scored_total counter", `leadlift_leads_scored_total ${this.leadsScored}`);
    lines.push("# HELP leadlift_model_reloads_total Model file reloads by result.", "# TYPE leadlift_model_reloads_total counter");
    lines.push(`leadlift_model_reloads_total{result="ok"} ${this.reloadsOk}`, `leadlift_model_reloads_total{result="failed"} ${this.reloadsFailed}`);
    lines.push("# HELP leadlift_model_age_seconds Seconds since the served model was loaded.", "# TYPE leadlift_model_age_seconds gauge");
    lines.push(`leadlift_model_age_seconds ${((now - modelLoadedAt) / 1000).toFixed(3)}`);
    lines.push("# HELP leadlift_model_stale 1 when the last reload failed, so an older model than the file is served.", "# TYPE leadlift_model_stale gauge", `leadlift_model_stale ${lastReloadOk ? 0 : 1}`);
    lines.push("# HELP process_resident_memory_bytes Resident memory size in bytes.", "# TYPE process_resident_memory_bytes gauge", `process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return `${lines.join("\n")}\n`;
  }
}
