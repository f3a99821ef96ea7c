/**
 * The markers that replace personal data. They are stored in logs and counted by the report, so
 * they stay the same whatever the language of the message or of the reader.
 */
export const PLACEHOLDERS = Object.freeze({
  name: "[nome]",
  phone: "[telefono]",
  email: "[email]",
  taxCode: "[codice fiscale]",
  iban: "[iban]",
  card: "[carta]",
  plate: "[targa]",
  address: "[indirizzo]",
});

export type PersonalDataKind = keyof typeof PLACEHOLDERS;

export const PLACEHOLDER_TEXTS: readonly string[] = Object.freeze(Object.values(PLACEHOLDERS));
