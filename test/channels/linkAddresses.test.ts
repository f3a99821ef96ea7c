import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/answers/escapeMarkdown.js";
import { linkAddresses, linkIn } from "../../src/channels/linkAddresses.js";

describe("When addresses in markdown become links", () => {
  it.each([
    ["scrivi a urp@comune.cento.fe.it.", "scrivi a <urp@comune.cento.fe.it>."],
    ["vedi https://www.comune.cento.fe.it, poi", "vedi <https://www.comune.cento.fe.it>, poi"],
    ["(https://www.facebook.com/polizialocalecento/)", "(<https://www.facebook.com/polizialocalecento/>)"],
    ["https://www.instagram.com/informagiovani_cento e mario_rossi@example.org", "<https://www.instagram.com/informagiovani_cento> e <mario_rossi@example.org>"],
    ["«http://municipium.comune.cento.fe.it/it»", "«<http://municipium.comune.cento.fe.it/it>»"],
  ])("%j becomes %j", (markdown, linked) => {
    expect(linkAddresses(markdown)).toBe(linked);
  });

  it.each([
    "già <https://a.it> e <urp@comune.cento.fe.it>",
    "[il sito](https://www.comune.cento.fe.it)",
    "in codice `https://a.it`",
    "www.comune.cento.fe.it senza schema e 800 375 515",
    escapeMarkdown("https://evil.example/x a@b.com [x](https://evil.example)"),
  ])("%j stays as it is", (markdown) => {
    expect(linkAddresses(markdown)).toBe(markdown);
  });
});

describe("linkAddresses paragraph by paragraph", () => {
  // Paragraphs without "@" or "http" are not scanned; the result must be the one scan's, whatever the text.
  const piece = fc.oneof(
    fc.constantFrom("https://a.it/x", "http://b.org", "urp@comune.cento.fe.it", "a.b@c.de", "@", "http", "https://", "`", "\n", "\n\n", "\n\n\n"),
    fc.constantFrom("<", ">", "[", "]", "(", ")", "\\", "`", ".", ",", "-", "_", "%", "+", ":", "«", "»", " ", "'", '"'),
    fc.constantFrom("<https://c.it>", "<x@y.it>", "[sito](https://d.it)", "\\<", "`https://e.it`", "scrivi a", "Comune", "800 375 515"),
    fc.stringMatching(/^[a-z0-9]{1,6}$/),
  );

  it("gives what one scan of the whole text gives", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const markdown = pieces.join("");
        expect(linkAddresses(markdown)).toBe(linkIn(markdown));
      }),
      { numRuns: 2000 },
    );
  });
});
