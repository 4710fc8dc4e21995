import { describe, expect, it } from "vitest";
import { renderMetrics, ServiceMetrics } from "../../src/serve/metrics.js";

const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("renderMetrics over several workers", () => {
  it("sums counters and histogram buckets per series, reports the oldest model's age and stale when any worker is", () => {
    const a = new ServiceMetrics();
    a.observe("/score", 200, 0.0004);
    a.observe("/score", 400, 0.003);
    a.leadsScored = 1;
    a.reloadsOk = 2;
    const b = new ServiceMetrics();
    b.observe("/score", 200, 0.02);
    b.observe("/score", 200, 2);
    b.leadsScored = 2;
    b.reloadsFailed = 1;
    const text = renderMetrics([a.snapshot(10_000, true), b.snapshot(4_000, false)], 20_000);
    expect(value(text, 'leadlift_requests_total{route="/score",status="200"}')).toBe(3);
    expect(value(text, 'leadlift_requests_total{route="/score",status="400"}')).toBe(1);
    // Cumulative buckets: 0.0004 ≤ 0.0005; 0.003 ≤ 0.005; 0.02 ≤ 0.025; 2 only in +Inf.
    expect(value(text, 'leadlift_request_duration_seconds_bucket{le="0.0005"}')).toBe(1);
    expect(value(text, 'leadlift_request_duration_seconds_bucket{le="0.005"}')).toBe(2);
    expect(value(text, 'leadlift_request_duration_seconds_bucket{le="0.025"}')).toBe(3);
    expect(value(text, 'leadlift_request_duration_seconds_bucket{le="1"}')).toBe(3);
    expect(value(text, 'leadlift_request_duration_seconds_bucket{le="+Inf"}')).toBe(4);
    expect(value(text, "leadlift_request_duration_seconds_count")).toBe(4);
    expect(value(text, "leadlift_request_duration_seconds_sum")).toBeCloseTo(2.0234, 12);
    expect(value(text, "leadlift_leads_scored_total")).toBe(3);
    expect(value(text, 'leadlift_model_reloads_total{result="ok"}')).toBe(2);
    expect(value(text, 'leadlift_model_reloads_total{result="failed"}')).toBe(1);
    expect(value(text, "leadlift_model_age_seconds")).toBe(16);
    expect(value(text, "leadlift_model_stale")).toBe(1);
    expect(value(text, "leadlift_workers")).toBe(2);
  });

  it("renders one process's metrics as before when it serves alone", () => {
    const m = new ServiceMetrics();
    m.observe("/score", 200, 0.001);
    // The resident memory is read anew by each call, so it may differ between the two: compared apart.
    const withoutMemory = (text: string) => text.replace(/^process_resident_memory_bytes .*$/m, "process_resident_memory_bytes (read)");
    const rendered = m.render(1_000, 3_500, true);
    expect(withoutMemory(rendered)).toBe(withoutMemory(renderMetrics([m.snapshot(1_000, true)], 3_500)));
    expect(value(rendered, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(value(m.render(1_000, 3_500, true), "leadlift_model_stale")).toBe(0);
    expect(value(m.render(1_000, 3_500, true), "leadlift_model_age_seconds")).toBe(2.5);
  });
});
