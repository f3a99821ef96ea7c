/**
 * Puts Web Chat's self-contained bundle into web/vendor/, so that neither Web Chat nor React is a
 * dependency of the bot: fetches the pinned botframework-webchat tarball with `npm pack` (the npm
 * registry, through npm's own configuration), checks it against the pinned sha512, extracts
 * dist/webchat.js and its licence notice with tar, and writes the gzip and brotli forms the server
 * sends. Does nothing when the files of the pinned version are already there.
 *   npm run webchat:bundle
 * `npm start`, `npm run build` and the tests run it first.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { WEB_CHAT_BUNDLE, WEB_CHAT_BUNDLE_DIR } from "../src/hosts/http/web/staticAssets.js";
import { runIfMain } from "../src/cli/runCli.js";

/** The release served to citizens, and the integrity npm's lock file recorded for its tarball. */
export const WEB_CHAT_PACKAGE = Object.freeze({
  name: "botframework-webchat",
  version: "4.18.1",
  integrity: "sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==",
});

/** Files taken from the tarball: the bundle, and the licence notice its first line points to. */
const FROM_TARBALL = Object.freeze({ bundle: "package/dist/webchat.js", licence: "package/dist/webchat.js.LICENSE.txt" });

/** Names what was built, so that a later run knows whether the files belong to the pinned release. */
const stampOf = (): string => `${WEB_CHAT_PACKAGE.name}@${WEB_CHAT_PACKAGE.version} ${WEB_CHAT_PACKAGE.integrity}\n`;

/**
 * Makes sure web/vendor/ holds the pinned release's bundle with its compressed forms; returns whether
 * it had to build them. Throws, with what to do, when the tarball cannot be had or is not the pinned one.
 */
export function ensureWebChatBundle(dir: string = WEB_CHAT_BUNDLE_DIR): boolean {
  const files = Object.values(WEB_CHAT_BUNDLE).map((name) => join(dir, name));
  const stamp = join(dir, WEB_CHAT_BUNDLE.stamp);
  if (files.every((file) => existsSync(file)) && readFileSync(stamp, "utf8") === stampOf()) return false;

  const work = mkdtempSync(join(tmpdir(), "webchat-bundle-"));
  try {
    const tarball = fetchTarball(work);
    execFileSync("tar", ["-xzf", tarball, "-C", work, FROM_TARBALL.bundle, FROM_TARBALL.licence], { stdio: ["ignore", "ignore", "pipe"] });
    const bundle = readFileSync(join(work, FROM_TARBALL.bundle));
    mkdirSync(dir, { recursive: true });
    // The stamp goes first and last: removed before any file changes, written once all are in place.
    rmSync(stamp, { force: true });
    writeAtomically(join(dir, WEB_CHAT_BUNDLE.licence), readFileSync(join(work, FROM_TARBALL.licence)));
    writeAtomically(join(dir, WEB_CHAT_BUNDLE.script), bundle);
    writeAtomically(join(dir, WEB_CHAT_BUNDLE.gzip), gzipSync(bundle, { level: zlib.Z_BEST_COMPRESSION }));
    writeAtomically(
      join(dir, WEB_CHAT_BUNDLE.brotli),
      brotliCompressSync(bundle, {
        params: {
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: bundle.length,
        },
      }),
    );
    writeAtomically(stamp, Buffer.from(stampOf()));
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Downloads the pinned tarball into `work` and returns its path, once its sha512 matches the pin. */
function fetchTarball(work: string): string {
  const spec = `${WEB_CHAT_PACKAGE.name}@${WEB_CHAT_PACKAGE.version}`;
  let output: string;
  try {
    // From the scratch folder, so that npm never mistakes the project for the package to pack.
    output = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", work], { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`Web Chat bundle: \`npm pack ${spec}\` failed; the npm registry must be reachable.\n${detail}`);
  }
  const [packed] = JSON.parse(output) as Array<{ filename: string }>;
  if (!packed) throw new Error(`Web Chat bundle: \`npm pack ${spec}\` gave no file.`);
  const tarball = join(work, packed.filename);
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  if (integrity !== WEB_CHAT_PACKAGE.integrity) {
    throw new Error(`Web Chat bundle: ${packed.filename} has integrity ${integrity}, not the pinned ${WEB_CHAT_PACKAGE.integrity}; nothing was written.`);
  }
  return tarball;
}

/** A reader never sees half a file: write beside it, then rename over it. */
function writeAtomically(file: string, content: Buffer): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, file);
}

runIfMain(import.meta.url, async () => {
  const built = ensureWebChatBundle();
  console.error(built ? `Web Chat ${WEB_CHAT_PACKAGE.version}: bundle written to ${WEB_CHAT_BUNDLE_DIR}` : `Web Chat ${WEB_CHAT_PACKAGE.version}: bundle up to date`);
  return 0;
});
