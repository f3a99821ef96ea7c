import { capUnderTheRealBot } from "./capUnderTheRealBot.js";

// Ten times the cap proves the eviction; test/storage/manyConversations.soak.test.ts runs 50,000.
capUnderTheRealBot(1_000, 100);
