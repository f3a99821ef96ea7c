// node-nlp ships no type declarations: only what the NLP.js peer uses.
declare module "node-nlp" {
  export interface NlpManagerSettings {
    languages: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    modelFileName?: string;
    calculateSentiment?: boolean;
    forceNER?: boolean;
    nlu?: { log?: boolean };
  }
  export interface NlpResult {
    intent: string;
    score: number;
    locale: string;
    classifications?: Array<{ intent: string; score: number }>;
  }
  export class NlpManager {
    constructor(settings: NlpManagerSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(utterance: string): Promise<NlpResult>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}
