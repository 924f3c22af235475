import { describe, expect, it } from 'vitest';
import { findPii } from './find-pii.js';
import { RedactionSession, redactionSessionFor } from './redaction-session.js';

describe('RedactionSession', () => {
  it('gives the same value the same placeholder and numbers classes separately', () => {
    const session = new RedactionSession();
    const text = 'ann@example.com wrote to bob@example.com; ANN@example.com again, +44 20 7946 0958 / +442079460958';
    expect(session.replace(text, findPii(text))).toBe(
      '[EMAIL_1] wrote to [EMAIL_2]; [EMAIL_1] again, [PHONE_1] / [PHONE_1]',
    );
  });

  it('keeps placeholders stable across texts of the same call', () => {
    const session = new RedactionSession();
    const first = 'card 4111 1111 1111 1111';
    const second = 'use 5555555555554444 or 4111-1111-1111-1111';
    expect(session.replace(first, findPii(first))).toBe('card [CARD_1]');
    expect(session.replace(second, findPii(second))).toBe('use [CARD_2] or [CARD_1]');
  });

  it('labels national ids with an underscore', () => {
    const session = new RedactionSession();
    expect(session.placeholderFor('national-id', '536-22-1234')).toBe('[NATIONAL_ID_1]');
  });

  it('keeps one session per call', () => {
    const call = {};
    expect(redactionSessionFor(call)).toBe(redactionSessionFor(call));
    expect(redactionSessionFor({})).not.toBe(redactionSessionFor(call));
  });
});
