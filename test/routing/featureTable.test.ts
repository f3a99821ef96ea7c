import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureTable } from "../../src/routing/featureTable.js";

describe("FeatureTable", () => {
  it("finds each key's row as a Map would, and nothing for other numbers (signed and unsigned apart)", () => {
    const hash = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
    fc.assert(
      fc.property(fc.uniqueArray(hash, { maxLength: 300 }), fc.array(hash, { maxLength: 50 }), (keys, others) => {
        const table = new FeatureTable(keys);
        const map = new Map(keys.map((k, row) => [k, row]));
        for (const k of [...keys, ...others, ...keys.map((k) => k >>> 0), ...keys.map((k) => k | 0)]) expect(table.get(k)).toBe(map.get(k) ?? -1);
        expect([...table.keysByRow()]).toEqual(keys);
        expect(table.size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });
});
