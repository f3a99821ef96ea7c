/**
 * What citizens write, for load and routing benchmarks: every topic family, both languages, short and
 * long, with the typos and chat shorthand real messages carry. Written for the benchmark (not taken
 * from the labelled evaluation set), so that tuning the bot on one never flatters the other.
 */
export interface BenchMessage {
  readonly text: string;
  readonly locale: "it-IT" | "en-US";
}

const it = (text: string): BenchMessage => ({ text, locale: "it-IT" });
const en = (text: string): BenchMessage => ({ text, locale: "en-US" });

export const BENCH_MESSAGES: readonly BenchMessage[] = Object.freeze([
  it("buongiorno"),
  it("ciao, a che ora rispondete sulla pagina facebook?"),
  it("siete aperti anche il sabato mattina qui in chat?"),
  it("quanto ci mettete di solito a rispondere a un messaggio?"),
  it("ho scritto tre giorni fa e nessuno mi ha ancora risposto"),
  it("questa è la pagina ufficiale del comune o è un profilo falso?"),
  it("esiste anche un account instagram del comune?"),
  it("posso mandarvi qui la domanda per l'assegno di maternità con i documenti allegati?"),
  it("vorrei iscrivere mio figlio all'asilo nido, mando il modulo in privato?"),
  it("stanotte mi hanno rubato la bicicletta davanti alla stazione, come faccio la denuncia?"),
  it("c'è un uomo che ci minaccia sotto casa, aiuto!!!"),
  it("mio padre è caduto e non respira bene, cosa faccio"),
  it("vi notifico formalmente la diffida per i danni alla mia auto"),
  it("in via Matteotti c'è una buca enorme, l'ho quasi presa con lo scooter"),
  it("il lampione davanti al civico 12 è spento da una settimana"),
  it("i rifiuti non sono stati ritirati, a chi lo segnalo?"),
  it("quali sono gli orari dell'ufficio anagrafe per la carta d'identità?"),
  it("come prenoto un appuntamento per il cambio di residenza?"),
  it("vorrei parlare con una persona vera, non con un bot"),
  it("perché avete cancellato il mio commento? è censura"),
  it("quali commenti vengono rimossi dalla pagina?"),
  it("posso condividere le vostre foto sul sito della mia associazione?"),
  it("potete pubblicare l'evento della nostra parrocchia sulla vostra pagina?"),
  it("ci sono allerte meteo per domani? chiudono le scuole?"),
  it("che fine fanno i miei dati se vi scrivo qui? privacy"),
  it("i post hanno i sottotitoli per chi non sente?"),
  it("dove trovo il documento con le regole dei social del comune?"),
  it("i dipendenti del comune possono commentare con il loro profilo personale?"),
  it("pagate la pubblicità su facebook con i soldi dei cittadini?"),
  it("xke nn rispondete mai?? ke schifo"),
  it("siete dei ladri e incompetenti, vergogna"),
  it("cm faccio a segnalre un disservizio"),
  it("orrari urp"),
  it("menu"),
  it("grazie mille, gentilissimi"),
  en("hi, is this the official page of the town?"),
  en("what time do you answer messages here?"),
  en("someone broke into my car last night, I want to report it"),
  en("there is a fire in the building next door, please help"),
  en("can I send my residence application through this chat?"),
  en("who moderates the comments and what are the rules?"),
  en("how do you use my personal data when I write to you?"),
  en("thanks, bye"),
]);
