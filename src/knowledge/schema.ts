import { z } from "zod";
import { TOPICS } from "./topics.js";

/** Limits a button title must respect on every channel (Messenger's is the tightest). */
export const TITLE_MAX = 20;

const text = z.string().trim().min(1, { error: "empty" });
const localized = z.strictObject({ it: text, en: text });
const shortLocalized = z.strictObject({
  it: text.max(TITLE_MAX, { error: "tooLong" }),
  en: text.max(TITLE_MAX, { error: "tooLong" }),
});
const phrases = z.array(text);
const phrasesByLanguage = z.strictObject({ it: phrases.default([]), en: phrases.default([]) });

export const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
export const PHONE = /^\+?[0-9][0-9 ]{1,18}[0-9]$/;
export const URL_PATTERN = /^https?:\/\/[^\s/$.?#].[^\s]*$/;

const email = z.string().regex(EMAIL, { error: "badEmail" });
const phone = z.string().regex(PHONE, { error: "badPhone" });
const url = z.string().regex(URL_PATTERN, { error: "badUrl" });

const office = z.strictObject({
  name: localized,
  email: email.optional(),
  phone: phone.optional(),
  freephone: phone.optional(),
  fax: phone.optional(),
  address: text.optional(),
});

/** "09:00-13:00": one window of a day in which the channels are monitored. */
const window = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: "badTime" })
  .refine((w) => w.slice(0, 5) < w.slice(6), { error: "badTime" });
const dayWindows = z.array(window).min(1).optional();
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * When staff follow the channels: windows per weekday (several a day), or `notStated: true` when the
 * policy gives no hours. The label is what citizens read, in both languages.
 */
export const monitoredHoursSchema = z.strictObject({
  timezone: text.default("Europe/Rome"),
  notStated: z.literal(true).optional(),
  mon: dayWindows,
  tue: dayWindows,
  wed: dayWindows,
  thu: dayWindows,
  fri: dayWindows,
  sat: dayWindows,
  sun: dayWindows,
  label: localized,
});

/** Days in each month, February as in a leap year. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * "02-03": a day of the year, month then day, such as the patron saint's day. February 29 is
 * allowed: that day comes only in leap years.
 */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: "badMonthDay", abort: true })
  .refine((day) => Number(day.slice(3)) <= DAYS_IN_MONTH[Number(day.slice(0, 2)) - 1]!, { error: "badMonthDay" });

const account = z.strictObject({ platform: text, url: url.optional(), managedBy: localized });

/**
 * A temporary notice (offices closed for snow, an alert in force), shown from `from` until `until`.
 * The dates are checked in loadKnowledge, so that a wrong one gets a message staff understand.
 */
const dateTime = z.string().meta({ format: "date-time" });
export const noticeSchema = z.strictObject({ it: text, en: text, from: dateTime, until: dateTime });

export const profileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: text,
  province: text.optional(),
  website: url.optional(),
  privacyNotice: url.optional(),
  contactOffice: text,
  theme: z.strictObject({ primary: z.string().regex(/^#[0-9a-fA-F]{6}$/), accent: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional() }).optional(),
  monitoredHours: monitoredHoursSchema,
  /** the patron saint's day ("MM-DD"), a local holiday: the channels are not followed that day; only where the comune's own pages state it */
  patronDay: monthDay.optional(),
  offices: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), office),
  apps: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), z.strictObject({ name: text, url: url.optional() })).optional(),
  /** by key, so that answers name an account ({{accounts.facebook-comune.url}}) and never its position */
  accounts: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "badId" }), account).default({}),
  /** only what the policy itself states: the act that approved it, its dates, where it is published */
  policy: z
    .strictObject({ act: localized.optional(), approved: text.optional(), firstPublished: text.optional(), lastUpdated: text.optional(), url: url.optional() })
    .optional(),
  notice: noticeSchema.optional(),
});

export const nationalSchema = z.record(
  z.string(),
  z.strictObject({ number: phone, name: localized, source: text.optional() }),
);

export const actionSchema = z.strictObject({
  type: z.enum(["call", "email", "url"]),
  target: text,
  title: shortLocalized,
});

export const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "badId" }),
  topic: z.enum(TOPICS, { error: "unknownTopic" }),
  menu: shortLocalized.optional(),
  keywords: phrasesByLanguage.default({ it: [], en: [] }),
  examples: phrasesByLanguage.default({ it: [], en: [] }),
  signals: phrasesByLanguage.optional(),
  answer: localized,
  /** what a short follow-up on this answer gets ("e il numero?") when a single fact would mislead */
  followUp: localized.optional(),
  /** opens the answer when the message is exactly the menu label: nothing has been described yet */
  menuOpening: localized.optional(),
  actions: z.array(actionSchema).default([]),
});

/** One file of the shared corpus: how citizens write about one entry, in the language of its folder. */
export const corpusFileSchema = z.strictObject({
  entry: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "badId" }),
  topic: z.enum(TOPICS, { error: "unknownTopic" }),
  keywords: phrases.default([]),
  signals: phrases.optional(),
  batches: z.array(z.strictObject({ source: text, examples: phrases.min(1) })).default([]),
});

/** knowledge/emergency.yaml: the concepts the emergency layer combines (see src/routing/emergencyConcepts.ts). */
export const emergencyConceptsSchema = z.strictObject({
  window: z.number().int().min(1).max(40),
  people: z.strictObject({ it: phrases, en: phrases }),
  states: z.strictObject({ it: phrases, en: phrases }),
  hazards: z.strictObject({ it: phrases, en: phrases }),
  selfHarm: z.strictObject({ it: phrases, en: phrases }),
  weak: z.strictObject({ it: phrases, en: phrases }),
  past: z.strictObject({ it: phrases, en: phrases }),
  institutions: z.strictObject({ it: phrases, en: phrases }),
  aboutAlerts: z.strictObject({ it: phrases, en: phrases }),
  now: z.strictObject({ it: phrases, en: phrases }).default({ it: [], en: [] }),
  over: z.strictObject({ it: phrases, en: phrases }).default({ it: [], en: [] }),
  negations: z.strictObject({ it: phrases, en: phrases }).default({ it: [], en: [] }),
});

export const entriesFileSchema = z.strictObject({ entries: z.array(entrySchema) });

/**
 * A comune's answers file: for an id the defaults have, only the fields that differ (each replaces the
 * default's field whole); an id of its own must be a whole entry (topic and answer at least).
 */
export const answerOverrideSchema = z.strictObject({
  id: entrySchema.shape.id,
  topic: entrySchema.shape.topic.optional(),
  menu: shortLocalized.optional(),
  keywords: phrasesByLanguage.optional(),
  examples: phrasesByLanguage.optional(),
  signals: phrasesByLanguage.optional(),
  answer: localized.optional(),
  followUp: localized.optional(),
  menuOpening: localized.optional(),
  actions: z.array(actionSchema).optional(),
});
export const answersFileSchema = z.strictObject({ entries: z.array(answerOverrideSchema).default([]) });

/** knowledge/<comune>/local.yaml: local routing words (places, local services) per entry id. */
export const localWordsSchema = z.record(
  entrySchema.shape.id,
  z.strictObject({ keywords: phrasesByLanguage.optional(), examples: phrasesByLanguage.optional() }),
);

export const lexiconSchema = z.strictObject({
  shorthand: z.record(z.string(), z.string()),
  stopwords: z.strictObject({ it: phrases, en: phrases }),
  markers: z.strictObject({ it: phrases, en: phrases }),
  synonyms: z.array(z.array(text).min(2)),
  commands: z.strictObject({ menu: phrases, italian: phrases, english: phrases }),
  hypothetical: z.strictObject({ it: phrases, en: phrases }),
  followUps: z.strictObject({ phone: phrases, email: phrases, address: phrases, website: phrases }),
  followUpWords: z.strictObject({ filler: phrases, yours: phrases }),
  languageRequests: z.strictObject({ names: z.strictObject({ it: phrases, en: phrases }), words: phrases, negations: phrases, refusals: phrases, clauseBreaks: phrases, addressee: phrases, asks: phrases.default([]), otherSubjects: phrases.default([]) }),
  accountWords: phrases,
});

export type Profile = z.infer<typeof profileSchema>;
export type MonitoredHours = z.infer<typeof monitoredHoursSchema>;
export type Account = z.infer<typeof account>;
export type NationalNumbers = z.infer<typeof nationalSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type EmergencyConceptsSource = z.infer<typeof emergencyConceptsSchema>;
export type AnswerOverride = z.infer<typeof answerOverrideSchema>;
export type LocalWords = z.infer<typeof localWordsSchema>;
export type EntryAction = z.infer<typeof actionSchema>;
