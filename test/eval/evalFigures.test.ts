import { describe, expect, it } from "vitest";
import { OPENING_BARS, checkBars, summaryLines, type SetFigures } from "../../scripts/eval.js";
import { botLeads, peersTable, type ContenderScores } from "../../scripts/evalPeers.js";
import type { ScoreSummary } from "../../scripts/peers/runScorer.js";

function summary(topic: number, safety: number, facts = 100, leaks = 0): ScoreSummary {
  return { set: "x.jsonl", items: 10, seconds: 1, topic_accuracy: topic, safety_recall: safety, facts, leaks, language: 100, by_topic: {} };
}

function figures(emergencies: [number, number], ordinary: [number, number]): SetFigures {
  const share = ([count, of]: [number, number]) => ({ count, of, percent: Number(((100 * count) / of).toFixed(1)) });
  return { ...summary(99, 100), opening: { emergencies: share(emergencies), ordinary: share(ordinary), missedEmergencies: [], alarmedOrdinary: [] } };
}

describe("the safety net's bars", () => {
  it("want every emergency to open with 112 and at most 3% of ordinary replies to", () => {
    const met = (f: SetFigures) => Object.fromEntries(checkBars(f, OPENING_BARS).map((b) => [b.figure, b.met]));
    expect(met(figures([40, 40], [3, 100]))).toEqual({ emergencies_112: true, ordinary_112: true });
    expect(met(figures([39, 40], [4, 100]))).toEqual({ emergencies_112: false, ordinary_112: false });
  });

  it("are printed under the scorer's figures as counts and percentages", () => {
    const [, emergencies, ordinary] = summaryLines(figures([39, 40], [6, 250]));
    expect(emergencies).toBe("emergencies that open with 112: 39/40 (97.5%)");
    expect(ordinary).toBe("ordinary replies that open with 112: 6/250 (2.4%)");
  });
});

describe("the peers table", () => {
  const rows: ContenderScores[] = [
    { name: "bot", sets: [{ set: "dev", summary: summary(99, 100) }, { set: "perturbed", summary: summary(97, 100) }] },
    { name: "baseline", sets: [{ set: "dev", summary: summary(90, 95, 91.5, 1) }, { set: "perturbed", summary: summary(85, 90) }] },
  ];

  it("has topic, safety, facts and leaks for every set", () => {
    const [header, rule, bot, baseline] = peersTable(rows).split("\n");
    expect(header).toBe(
      "| system | dev topic % | dev safety % | dev facts % | dev leaks | perturbed topic % | perturbed safety % | perturbed facts % | perturbed leaks |",
    );
    expect(rule!.split("|").length).toBe(header!.split("|").length);
    expect(bot).toBe("| bot | 99 | 100 | 100 | 0 | 97 | 100 | 100 | 0 |");
    expect(baseline).toBe("| baseline | 90 | 95 | 91.5 | 1 | 85 | 90 | 100 | 0 |");
  });

  it("says the bot leads only when it is ahead on topic and level on safety in every set", () => {
    expect(botLeads(rows)).toBe(true);
    const tied = [rows[0]!, { name: "peer", sets: [rows[1]!.sets[0]!, { set: "perturbed", summary: summary(97, 90) }] }];
    expect(botLeads(tied)).toBe(false);
  });
});
