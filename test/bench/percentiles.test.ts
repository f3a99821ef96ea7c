import { describe, expect, it } from "vitest";
import { median, percentile, summarize } from "../../bench/percentiles.js";

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe("percentile (nearest rank)", () => {
  it.each([
    [1, 1],
    [50, 50],
    [99, 99],
    [99.5, 100],
    [100, 100],
  ])("the %s th percentile of 1..100 is %s", (p, expected) => {
    expect(percentile(oneToHundred, p)).toBe(expected);
  });

  it.each([[0], [-1], [101], [Number.NaN]])("refuses percentile %s", (p) => {
    expect(() => percentile(oneToHundred, p)).toThrow(RangeError);
  });

  it("refuses an empty list", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("gives count, mean, p50, p99 and max of unsorted values, leaving them untouched", () => {
    const values = [...oneToHundred].reverse();
    expect(summarize(values)).toEqual({ count: 100, mean: 50.5, p50: 50, p99: 99, max: 100 });
    expect(values[0]).toBe(100);
  });

  it("takes the median of a few runs", () => {
    expect(median([3_512, 3_285, 3_601])).toBe(3_512);
  });
});
