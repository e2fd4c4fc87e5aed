import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { newAssessment, useAppStore } from '../../src/store/app-store.ts';

const KEY = 'opsready-facilitator-room:w-1';
const b64 = (n: number, c = 'A') => c.repeat(n);
/** What the facilitator's tab saves, in shape; each test damages one part. */
const saved = {
  v: 1,
  assessmentId: 'w-1',
  secret: b64(43),
  epoch: 0,
  jwk: { kty: 'EC', crv: 'P-256', x: b64(43), y: b64(43), d: b64(43) },
  doc: 'AAA',
  taken: [],
  controlId: null,
  linkHidden: false,
};

function start(stored: string) {
  useAppStore.getState().addAssessment({
    ...newAssessment('w-1', new Date('2026-11-25T09:00:00Z'), 'Workshop'),
    assessors: ['Ana Auditor'],
  });
  window.sessionStorage.setItem(KEY, stored);
  window.location.hash = '#/workshop';
  render(<App />);
}

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
});

describe('a live room saved in the facilitator’s tab, damaged', () => {
  it.each([
    ['not JSON', '{"v":1,', /not JSON/],
    ['a field of the wrong shape', JSON.stringify({ ...saved, epoch: -1 }), /epoch/],
    [
      'a signing key missing its private part',
      JSON.stringify({ ...saved, jwk: { ...saved.jwk, d: undefined } }),
      /jwk\.d/,
    ],
    [
      'another assessment’s',
      JSON.stringify({ ...saved, assessmentId: 'w-2' }),
      /another assessment/,
    ],
    // In shape, but no P-256 point: only loading the key finds it out. The rest of the copy (an
    // empty document, a 32-byte secret) loads, so this row fails for the key alone.
    [
      'a key that is not on the curve',
      JSON.stringify(saved),
      /saved signing key is not a usable P-256 key/,
    ],
  ])(
    '%s: the page says the room could not be resumed, and a new one can be opened',
    async (_, stored, why) => {
      start(stored);
      const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
      expect(alert).toHaveTextContent(/live room saved in this tab could not be resumed/);
      expect(alert).toHaveTextContent(why);
      expect(screen.getByRole('button', { name: 'Open a live room' })).toBeEnabled();
      expect(window.sessionStorage.getItem(KEY)).toBeNull();
    },
  );
});
