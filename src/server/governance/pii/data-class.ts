/**
 * The kinds of personal data Podium recognises. A finding names its class, never its value; policies
 * (and, later, Cedar rules) decide per class what may leave for which provider.
 */
export const dataClasses = ['email', 'phone', 'card', 'iban', 'national-id'] as const;

export type DataClass = (typeof dataClasses)[number];

/** The label inside a placeholder: `[EMAIL_1]`, `[NATIONAL_ID_2]`. */
export function placeholderLabel(dataClass: DataClass): string {
  return dataClass.toUpperCase().replace('-', '_');
}

const descriptions: Readonly<Record<DataClass, string>> = {
  email: 'an email address',
  phone: 'a phone number',
  card: 'a payment card number',
  iban: 'an IBAN',
  'national-id': 'a national identity number',
};

/** Human wording for messages: "a payment card number". */
export function describeDataClass(dataClass: DataClass): string {
  return descriptions[dataClass];
}
