import { Writable } from "node:stream";
import { pino } from "pino";

/** A new entry that only the word "zanzibar" reaches. */
export const ZANZIBAR = (answer: string) => `entries:
  - id: zanzibar
    topic: policy.contacts
    keywords:
      it: [zanzibar]
    examples:
      it: ["dove si trova zanzibar?"]
    answer:
      it: ${answer}
      en: ${answer}
`;

/** A pino logger that keeps its lines for the test to read. */
export function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}
