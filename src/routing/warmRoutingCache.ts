/**
 * Trains the routing model of every comune ahead of time and leaves it in the cache folder
 * (data/routing-cache, or ROUTING_CACHE_DIR), so that a server built with `npm run build` starts
 * without training. Run by `npm run build`; the server trains by itself when the cache is missing.
 */
import { join } from "node:path";
import { listComuni, loadKnowledge } from "../knowledge/loadKnowledge.js";
import { packageRoot } from "../packageRoot.js";
import { Router } from "./router.js";

const root = process.env.KNOWLEDGE_DIR?.trim() || join(packageRoot(import.meta.dirname), "knowledge");
for (const comune of listComuni(root)) {
  const started = performance.now();
  const knowledge = loadKnowledge(root, comune);
  new Router(knowledge.entries, knowledge.lexicon, { emergency: knowledge.emergency });
  console.log(`routing model for ${comune}: ready in ${Math.round(performance.now() - started)} ms`);
}
