import { fuzzHttpEndpoint } from "./httpFuzz.js";

// A few hundred cases of each kind in npm test; httpFuzz.soak.test.ts tries the thousands, from the same seeds.
fuzzHttpEndpoint({ activities: 200, encodings: 100, serviceUrls: 100 });
