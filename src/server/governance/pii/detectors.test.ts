import { describe, expect, it } from 'vitest';
import { findPii } from './find-pii.js';

/** The values found in `text`, as `detector:value`. */
const found = (text: string): string[] =>
  findPii(text).map((span) => `${span.detector}:${text.slice(span.start, span.end)}`);

/** [detector, text, the value found]. */
const truePositives: readonly (readonly [string, string, string])[] = [
  ['email', 'write to ann.lee@example.co.uk today', 'ann.lee@example.co.uk'],
  ['email', 'cc: Bob+tag@Mail.Example.org.', 'Bob+tag@Mail.Example.org'],
  ['email', 'Contact: jo_smith@example.com: reply soon', 'jo_smith@example.com'],
  ['phone', 'call +44 20 7946 0958 today', '+44 20 7946 0958'],
  ['phone', 'or (415) 555-2671.', '(415) 555-2671'],
  ['phone', 'US: 415.555.2671', '415.555.2671'],
  ['phone', 'toll free 1-800-555-0199', '1-800-555-0199'],
  ['phone', '+1 (415) 555-2671', '+1 (415) 555-2671'],
  ['phone', 'London 020 7946 0958', '020 7946 0958'],
  ['phone', 'mobile 07700 900123', '07700 900123'],
  ['phone', 'portable 06 12 34 56 78', '06 12 34 56 78'],
  ['phone', 'Berlin 030 1234567', '030 1234567'],
  ['phone', '+33 6 12 34 56 78', '+33 6 12 34 56 78'],
  ['phone', '+44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
  ['phone', 'dial 0044 20 7946 0958', '0044 20 7946 0958'],
  ['phone', 'tel:+14155552671', '+14155552671'],
  ['card', 'Visa 4111 1111 1111 1111 exp 12/29', '4111 1111 1111 1111'],
  ['card', 'card=4012888888881881;', '4012888888881881'],
  ['card', 'MC 5555-5555-5555-4444', '5555-5555-5555-4444'],
  ['card', 'MC 2-series 2223003122003222', '2223003122003222'],
  ['card', 'Amex 3782 822463 10005', '3782 822463 10005'],
  ['card', 'Amex 378282246310005', '378282246310005'],
  ['card', 'Discover 6011 1111 1111 1117', '6011 1111 1111 1117'],
  ['card', 'JCB 3530111333300000', '3530111333300000'],
  ['card', 'Diners 3056 930902 5904', '3056 930902 5904'],
  ['card', 'Visa 13 4222222222222', '4222222222222'],
  ['card', 'room 29 4111 1111 1111 1111', '4111 1111 1111 1111'],
  ['iban', 'IBAN DE89 3704 0044 0532 0130 00 please', 'DE89 3704 0044 0532 0130 00'],
  ['iban', 'GB82WEST12345698765432', 'GB82WEST12345698765432'],
  ['iban', 'FR14 2004 1010 0505 0001 3M02 606 thanks', 'FR14 2004 1010 0505 0001 3M02 606'],
  ['iban', 'NL91ABNA0417164300.', 'NL91ABNA0417164300'],
  ['iban', 'Norway NO9386011117947', 'NO9386011117947'],
  ['us-ssn', 'SSN 536-22-1234', '536-22-1234'],
  ['us-ssn', 'ssn 536 22 1234', '536 22 1234'],
  ['uk-nino', 'NI AB 12 34 56 C', 'AB 12 34 56 C'],
  ['uk-nino', 'NINO: JG103759A', 'JG103759A'],
  ['fr-nir', 'NIR 1 84 12 76 451 089 46', '1 84 12 76 451 089 46'],
  ['fr-nir', 'Corse 2 90 05 2A 004 012 66', '2 90 05 2A 004 012 66'],
  ['es-dni', 'DNI 12345678Z', '12345678Z'],
  ['es-dni', 'DNI 12345678-Z', '12345678-Z'],
  ['es-dni', 'NIE X1234567L', 'X1234567L'],
];

describe('detectors: true positives', () => {
  it.each(truePositives)('%s in %j', (detector, text, value) => {
    expect(found(text)).toEqual([`${detector}:${value}`]);
  });

  it('finds several values of several classes in one text, in order', () => {
    const text = 'Ann (ann@example.com, +44 20 7946 0958) paid with 4111-1111-1111-1111 from DE89370400440532013000.';
    expect(findPii(text).map((span) => span.dataClass)).toEqual(['email', 'phone', 'card', 'iban']);
  });
});

const falsePositives: readonly (readonly [string, string])[] = [
  ['an order number', 'Order ORD-2024-558812 shipped'],
  ['an invoice number', 'Invoice INV/2024/000123 is due; ref 2024-000123'],
  ['a NANP-shaped order number with a 1xx area', 'order 123-456-7890'],
  ['a 16-digit number failing Luhn', 'reference 4111 1111 1111 1112'],
  ['a bare 16-digit number failing Luhn', 'tracking 4111111111111112'],
  ['a Luhn-valid number with no card issuer', 'id 1234567812345670'],
  ['a card-shaped slice of a longer grouped number', 'account 1234 4111 1111 1111 1111'],
  ['a UUID', 'id 123e4567-e89b-12d3-a456-426614174000 and 550e8400-e29b-41d4-a716-446655440000'],
  ['an ISO timestamp', 'at 2024-01-15T10:30:00Z and 2024-01-15 10:30:00.123+02:00'],
  ['dates', 'between 2024-01-15, 15.01.2024, 01/15/2024 and 05.01.2024'],
  ['a millisecond epoch', 'ts=1718000000000'],
  ['version strings', 'upgrade from v1.2.3 to 10.0.19041.1234 (node 20.11.1)'],
  ['IP addresses', 'hosts 192.168.100.254, 10.0.0.1 and 010.10.10.10'],
  ['an IPv6 address', 'host 2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
  ['ISBNs', 'ISBN 978-3-16-148410-0, ISBN-10 0-306-40615-2, 9780306406157'],
  ['hex hashes', 'md5 d41d8cd98f00b204e9800998ecf8427e sha 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'],
  ['prices', 'total $1,234.56, €1 234 567,89, 1234.50 USD, £ 12 345'],
  ['decorators and package scopes', '@Component({ selector: "x" }) class A {} import "@types/node"; @app.route("/")'],
  [
    'a shell prompt and git remotes',
    'root@server01.prod.internal:~# ssh deploy@web-1 && git clone git@github.com:org/repo.git',
  ],
  ['version specifiers and retina assets', 'npm i lodash@4.17.21 react@18.2.0; logo@2x.png icon@3x.webp'],
  ['a phone-shaped slice of a longer digit run', 'ref 98765415-555-2671 and 12 415 555 2671 99'],
  ['a bare national digit run', 'acct 4155552671'],
  ['an IBAN-like string failing mod-97', 'IBAN DE89 3704 0044 0532 0130 01'],
  ['an IBAN of the wrong length', 'DE89 3704 0044 0532 0130'],
  ['an SSN with an invalid area or group', 'ssn 000-12-3456, 666-12-3456, 912-34-5678, 536-00-1234'],
  ['a NINO with an invalid prefix', 'QQ123456C, GB123456A, AB123456E'],
  ['a NIR with a wrong key', '1 84 12 76 451 089 47'],
  ['a DNI with a wrong letter', '12345678A'],
  ['a 15-digit run that is no NIR and no card', '184127645108947'],
  ['math with a matrix product', 'y = A@B.T + 2'],
  ['a 9-digit number (no bare SSNs)', 'code 536221234'],
];

describe('detectors: false positives that must not be flagged', () => {
  it.each(falsePositives)('%s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
