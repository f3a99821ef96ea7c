import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/answers/escapeMarkdown.js";
import { linkAddresses } from "../../src/channels/linkAddresses.js";

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
