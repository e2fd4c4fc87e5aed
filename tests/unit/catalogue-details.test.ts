import { describe, expect, it } from 'vitest';
import {
  DETAIL_FIELDS,
  joinCatalogue,
  splitCatalogue,
} from '../../src/domain/catalogue/details.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

describe('the catalogue in two parts', () => {
  const catalogue = bundledCatalogue();
  const { list, details } = splitCatalogue(catalogue);

  it('joins back to the catalogue it was split from', () => {
    expect(joinCatalogue(list, details)).toStrictEqual(catalogue);
  });

  it('keeps every detail out of the list part and everything else in it', () => {
    for (const control of list.controls) {
      for (const field of DETAIL_FIELDS) expect(control).not.toHaveProperty(field);
      expect(details.controls[control.id]?.levels.length).toBe(catalogue.scale.length);
    }
    expect(list).not.toHaveProperty('incidents');
    expect(list.controls.map((c) => c.id)).toEqual(catalogue.controls.map((c) => c.id));
    expect(details.incidents).toBe(catalogue.incidents);
    expect(details.incidents.length).toBeGreaterThan(0);
  });

  it('puts most of the bytes in the details part, which the first load does without', () => {
    const bytes = (x: unknown): number => JSON.stringify(x).length;
    expect(bytes(details)).toBeGreaterThan(bytes(list) * 0.5);
    expect(bytes(list) + bytes(details)).toBeGreaterThan(bytes(catalogue));
  });

  it('refuses to join a list part with a control its details lack', () => {
    const { [list.controls[0]?.id ?? '']: _, ...rest } = details.controls;
    expect(() => joinCatalogue(list, { ...details, controls: rest })).toThrow(
      /no entry for [A-Z]+-\d+/,
    );
  });
});
