import { fuzzHttpEndpoint } from "./httpFuzz.js";

// npm run test:soak: the full fuzzing; npm test runs the first cases of each seed.
fuzzHttpEndpoint({ activities: 2_000, encodings: 500, serviceUrls: 300 });
