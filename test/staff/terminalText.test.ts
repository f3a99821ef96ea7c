import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { terminalText } from "../../src/staff/terminalText.js";

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

describe("terminalText", () => {
  it.each([
    ["\u001b[31mrosso\u001b[0m", "rosso"],
    ["\u001b[2J\u001b[H schermo pulito", " schermo pulito"],
    ["\u001b]0;titolo finto\u0007dopo", "dopo"],
    ["\u001b]8;;https://example.invalid\u001b\\link\u001b]8;;\u001b\\", "link"],
    ["\u001b]52;c;Y2lhbw==\u0007copiato", "copiato"],
    ["\u001bPq#0;2;0;0;0\u001b\\sixel", "sixel"],
    ["\u009b31mC1 rosso\u009b0m", "C1 rosso"],
    ["\u009d0;titolo\u009cdopo", "dopo"],
    ["\u001b(Bset di caratteri", "set di caratteri"],
    ["a\u0007b\u0008c\u0000d\rE\u007fF\u0085G", "abcdEFG"],
    ["a\tb\nc", "a b c"],
    ["\u202Eotnemucod\u202C", "otnemucod"],
    ["\u001b", ""],
    ["\u001b[", ""],
    ["\u001b]senza fine\naltra riga", "\naltra riga"],
  ])("%j shows as %j", (input, expected) => {
    expect(terminalText(input)).toBe(expected.replace("\n", " "));
  });

  it("keeps line breaks where the layout needs them", () => {
    expect(terminalText("riga uno\n\u001b[1mriga\u001b[0m due\n", true)).toBe("riga uno\nriga due\n");
  });

  it("leaves no control character in any text, and keeps plain text as it is", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(terminalText(text)).not.toMatch(CONTROL);
        expect(terminalText(text, true)).not.toMatch(CONTROL);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abc àé€ 12?.,[]"), maxLength: 100 }), (text) => {
        expect(terminalText(text)).toBe(text);
      }),
    );
  });
});
