import { describe, expect, it } from "vitest";
import { EmergencyConcepts } from "../../src/routing/emergencyConcepts.js";
import { messageWords } from "../../src/routing/messageFeatures.js";
import { normalizeWords } from "../../src/text/lexicon.js";
import { realBundle } from "../support/realKnowledge.js";

const { knowledge } = realBundle("cento");
const concepts = new EmergencyConcepts(knowledge.emergency, knowledge.lexicon);
const read = (text: string) => concepts.read(messageWords(normalizeWords(text, knowledge.lexicon), knowledge.lexicon), []);

describe("the emergency layer (knowledge/emergency.yaml)", () => {
  it.each([
    ["a person in a state of danger", "mia nonna è caduta in bagno e non si alza"],
    ["a person who does not answer", "il vicino anziano non apre la porta da tre giorni"],
    ["a child in a hot car", "c'è un bambino chiuso in macchina al sole nel parcheggio"],
    ["a hazard", "esce fumo nero dal garage del condominio"],
    ["gas", "sento puzza di gas su per le scale"],
    ["a threat to oneself", "non ce la faccio più, stasera la faccio finita"],
    ["a person on a parapet", "c'è un ragazzo seduto sul parapetto del ponte"],
    ["an English story", "my grandad has fallen in the garden and can't get up"],
    ["a child missing in a crowd", "al luna park non riesco a trovare il mio bambino, ha tre anni"],
    ["an elderly person who wandered away", "mio nonno con la demenza si è allontanato dalla casa di riposo"],
    ["a missing person in English", "our neighbour's boy has gone missing since lunch"],
    ["a threat to oneself told by what is ready", "sorry for writing here, I've got the rope ready in the shed"],
    ["a car that went off the road", "una macchina è finita nel fosso sulla provinciale e c'è fumo"],
    ["a threat to oneself that is not decided by the word 'now' in it", "stasera la faccio finita"],
    ["a danger still going on since yesterday ('ieri' inside 'da ieri sera')", "un signore anziano è seduto sulla panchina da ieri sera e non risponde"],
    ["a farewell told by the letters left for one's children", "ho lasciato sul tavolo le lettere per i miei figli, stanotte finisce tutto"],
    ["a farewell told by a letter for one child", "ho scritto una lettera per mio figlio, domani non ci sarò"],
    ["a farewell told as settling accounts with everything", "grazie di tutto, stasera chiudo i conti con tutto"],
    ["a farewell in English, told by the letters for one's kids", "I wrote letters for my kids and put my things in order"],
    ["a threat to throw oneself down", "stasera vado a buttarmi giù dal cavalcavia"],
    ["a house burning, told in capitals", "AIUTOOO LA CASA BRUCIA"],
    ["an elderly neighbour who won't open the door", "my elderly neighbour won't open the door and her phone rings out"],
    ["children on ice that broke", "due bambini giocavano sul laghetto ghiacciato e il ghiaccio si è rotto"],
  ])("decides on %s", (_, text) => {
    expect(read(text).level).toBe("decisive");
  });

  it.each([
    ["a past event", "ieri c'è stato un incendio in via Roma, chi paga i danni?"],
    ["a question about how alerts are published", "se c'è una fuga di gas come avvisate i cittadini?"],
    ["a complaint about an office", "l'impiegato dell'ufficio non risponde al telefono"],
    ["a fall that is over, with 'ora' inside the sign that it is over", "mio figlio è caduto dalla bici sulla ciclabile ma ora è al sicuro"],
    ["a false alarm", "never mind the gas smell I wrote about, false alarm, it was just the neighbour's cooking"],
    ["rubbish dumped in a ditch", "qualcuno ha scaricato sacchi di calcinacci nel fosso lungo la strada"],
    ["a drill", "will you post photos of this morning's fire drill at the school?"],
    ["a fire told as over, even with a word of now", "nel capannone l'incendio è spento da stanotte, adesso però c'è cenere ovunque"],
    ["a branch the storm threw down ('buttato giù' is not 'buttarmi giù')", "il temporale ha buttato giù un ramo grosso sulla ciclabile"],
  ])("does not decide on %s", (_, text) => {
    expect(read(text).level).not.toBe("decisive");
  });

  it.each([
    ["an ordinary report", "c'è una buca enorme in via Roma"],
    ["a policy question", "posso riutilizzare le foto pubblicate sulla pagina?"],
    ["a single word that only shares a stem with a concept", "quando tagliate l'erba del parco?"],
    ["a thing that cannot be found", "non riesco a trovare il modulo per la domanda sul sito"],
    ["a lost message", "mi è sparito il commento che avevo scritto ieri"],
  ])("sees nothing in %s", (_, text) => {
    expect(read(text)).toMatchObject({ level: "none", evidence: [] });
  });

  it("names the phrases it combined, for explain-route", () => {
    expect(read("mia nonna è caduta in bagno e non si alza").evidence.join(" ")).toMatch(/nonna \+ /);
  });

  it("reads a message of 30,000 words in linear time", () => {
    const long = `${"parole qualunque senza pericolo ".repeat(7_500)} e adesso c'è un incendio in cucina`;
    const started = performance.now();
    expect(read(long).level).toBe("decisive");
    // A guard against quadratic behaviour only; the real cost is measured in npm run bench.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("a danger told as over", () => {
  it("is read as over, so that neither a word of now nor the model alone sends it to 112", () => {
    const reading = read("la fuga di gas di stamattina l'hanno riparata e adesso va tutto bene");
    expect(reading.level).toBe("weak");
    expect(reading.over).toBe(true);
    expect(reading.now).toBeUndefined();
  });

  it("calms nothing when the sign that it is over is negated", () => {
    for (const text of ["l'incendio non è spento, le fiamme arrivano alle case", "il fuoco non è ancora spento e c'è tanto fumo", "the fire is not out yet and it's spreading"]) {
      expect(read(text), text).toMatchObject({ level: "decisive" });
      expect(read(text).over, text).toBeUndefined();
    }
    // A negation that is the sign's own word negates nothing.
    expect(read("never mind the gas smell I wrote about, false alarm").over).toBe(true);
  });

  it("does not calm a danger that is not over", () => {
    expect(read("mia figlia doveva tornare alle sei e ha il telefono spento").level).toBe("decisive");
  });
});

describe("a message told in the present", () => {
  it("is read as present when a word of now stands in it and nothing is told as past or over", () => {
    expect(read("proprio adesso dal cavalcavia tirano bottiglie sulle auto").present).toBe(true);
    expect(read("in questo momento c'è un camion di traverso sulla provinciale").present).toBe(true);
  });

  it("is not, with a sign of the past or of a danger over, or with no word of now", () => {
    expect(read("ieri dal cavalcavia tiravano bottiglie, adesso vorrei sapere chi pulisce").present).toBeUndefined();
    expect(read("adesso è tutto a posto, il fumo di stamattina era solo la caldaia").present).toBeUndefined();
    expect(read("dal cavalcavia tirano bottiglie sulle auto").present).toBeUndefined();
  });
});
