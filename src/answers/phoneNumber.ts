/**
 * The international form of an Italian number for call buttons: "800 375 515" -> "+39800375515".
 * Short national services (112, 1522) have no international form and are dialled as they are.
 */
export function internationalPhone(number: string): string {
  const digits = number.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  if (digits.startsWith("0039")) return `+${digits.slice(2)}`;
  if (digits.length <= 5) return digits;
  return `+39${digits}`;
}
