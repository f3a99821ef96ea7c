import { describe, expect, it } from "vitest";
import { hasMarkdown, plainText } from "../../src/channels/plainText.js";

describe("When markdown is turned into plain text", () => {
  it.each([
    ["**Attenzione**: leggi", "Attenzione: leggi"],
    ["leggi *bene* la policy", "leggi bene la policy"],
    ["leggi _bene_ la policy", "leggi bene la policy"],
    ["la `policy`", "la policy"],
    ["## Orari\ndal lunedì", "Orari\ndal lunedì"],
    ["vedi [il sito](https://www.comune.cento.fe.it).", "vedi il sito: https://www.comune.cento.fe.it."],
    ["[https://a.it](https://a.it)", "https://a.it"],
    ["* uno\n* due", "• uno\n• due"],
    ["scrivi a <urp@comune.cento.fe.it> o vai su <https://www.comune.cento.fe.it>.", "scrivi a urp@comune.cento.fe.it o vai su https://www.comune.cento.fe.it."],
    ["[urp@comune.cento.fe.it](mailto:urp@comune.cento.fe.it)", "urp@comune.cento.fe.it"],
  ])("%j becomes %j", (markdown, plain) => {
    expect(hasMarkdown(markdown)).toBe(true);
    expect(plainText(markdown)).toBe(plain);
    expect(hasMarkdown(plainText(markdown))).toBe(false);
  });

  it.each([
    "https://www.instagram.com/informagiovani_cento e mario_rossi@example.org",
    "Chiama il 112 #emergenza",
    "3 * 4 = 12",
    "Orari: 9:00-13:00 (dal lunedì al venerdì).",
  ])("%j stays as it is", (text) => {
    expect(hasMarkdown(text)).toBe(false);
    expect(plainText(text)).toBe(text);
  });

  it("gives back escaped characters (the citizen's own words) exactly as written, markup and all", () => {
    const escaped = "\\[vinci\\]\\(https\\:\\/\\/evil\\.example\\) \\*\\*no\\*\\* \\<b\\> \\_x\\_";
    expect(hasMarkdown(escaped)).toBe(true);
    expect(plainText(escaped)).toBe("[vinci](https://evil.example) **no** <b> _x_");
  });
});
