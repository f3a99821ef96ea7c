import type { Profile } from "../knowledge/schema.js";

/** The page's colours: white text sits on `primary`; `accent` marks links, buttons and focus on white. */
export interface PageTheme {
  readonly primary: string;
  readonly accent: string;
}

/** WCAG 2.1 AA contrast for normal text. */
export const MIN_CONTRAST = 4.5;

/** A dark, neutral blue, used when a profile has no theme or one that is not readable. */
export const DEFAULT_THEME: PageTheme = Object.freeze({ primary: "#1f3a5f", accent: "#1f3a5f" });

/** Contrast ratio of two #rrggbb colours, as WCAG defines it (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The comune's colours from its profile, accent defaulting to primary. A colour that white text cannot
 * be read on (below AA) is replaced by the default, and the reason returned for the log.
 */
export function pageTheme(theme: Profile["theme"]): { theme: PageTheme; problems: string[] } {
  if (!theme) return { theme: DEFAULT_THEME, problems: [] };
  const problems: string[] = [];
  const readable = (colour: string, field: string): boolean => {
    const ratio = contrastRatio(colour, "#ffffff");
    if (ratio >= MIN_CONTRAST) return true;
    problems.push(`theme.${field} ${colour} has contrast ${ratio.toFixed(2)}:1 with white, below ${MIN_CONTRAST}:1`);
    return false;
  };
  const primary = readable(theme.primary, "primary") ? theme.primary : DEFAULT_THEME.primary;
  const accent = theme.accent === undefined ? primary : readable(theme.accent, "accent") ? theme.accent : primary;
  return { theme: { primary, accent }, problems };
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
