import { describe, expect, it } from "vitest";
import { internationalPhone } from "../../src/answers/phoneNumber.js";

describe("internationalPhone", () => {
  it.each([
    ["800 375 515", "+39800375515"],
    ["039 606761", "+39039606761"],
    ["+39 333 1234567", "+393331234567"],
    ["0039 02 1234", "+39021234"],
    ["112", "112"],
    ["1522", "1522"],
  ])("%s -> %s", (input, expected) => {
    expect(internationalPhone(input)).toBe(expected);
  });
});
