declare module "@nlpjs/lang-it" {
  export class StemmerIt {
    stem(word: string): string;
  }
}
declare module "@nlpjs/lang-en-min" {
  export class StemmerEn {
    stem(word: string): string;
  }
}
