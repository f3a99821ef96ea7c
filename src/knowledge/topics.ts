/** The topic ids of ../shared/eval/TOPICS.md: every knowledge entry carries one. */
export const TOPICS = Object.freeze([
  "redirect.application",
  "redirect.crime",
  "redirect.notice",
  "redirect.report",
  "redirect.emergency",
  "redirect.info",
  "redirect.human",
  "policy.purpose",
  "policy.hours",
  "policy.response_time",
  "policy.official_accounts",
  "policy.content",
  "policy.alerts",
  "policy.third_party",
  "policy.ads",
  "policy.reuse",
  "policy.rules",
  "policy.moderation",
  "policy.privacy",
  "policy.accessibility",
  "policy.contacts",
  "policy.document",
  "policy.staff_accounts",
  "chat.greeting",
  "chat.thanks",
  "chat.help",
  "chat.abuse",
  "fallback",
] as const);

export type Topic = (typeof TOPICS)[number];

/** Topics that must never be missed and never go to a clarification, strongest first. */
export const SAFETY_TOPICS: readonly Topic[] = Object.freeze([
  "redirect.emergency",
  "redirect.crime",
  "redirect.notice",
  "redirect.application",
]);

export function isSafetyTopic(topic: Topic): boolean {
  return SAFETY_TOPICS.includes(topic);
}
