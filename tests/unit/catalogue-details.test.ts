import { describe, expect, it } from 'vitest';
import { incidentsForControl } from '../../src/domain/catalogue/coverage.ts';
import {
  countIncidents,
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

describe('the incident counts the list part carries', () => {
  const catalogue = bundledCatalogue();
  const counts = countIncidents(catalogue);
  // Counted here without the index incidentsForControl keeps: incidents with a step it breaks.
  const inIncidents = (id: string): number =>
    catalogue.incidents.filter((i) => i.steps.some((s) => s.breaks.some((b) => b.control === id)))
      .length;

  it('give each control the number of incidents incidentsForControl lists for it', () => {
    for (const control of catalogue.controls) {
      const n = incidentsForControl(catalogue, control.id).length;
      expect(counts.byControl[control.id] ?? 0, control.id).toBe(n);
      expect(n, control.id).toBe(inIncidents(control.id));
    }
    expect(counts.total).toBe(catalogue.incidents.length);
  });

  it('count an incident once for a control that breaks several of its steps, and leave out controls in none', () => {
    const repeated = catalogue.controls.find((c) =>
      catalogue.incidents.some(
        (i) => i.steps.filter((s) => s.breaks.some((b) => b.control === c.id)).length > 1,
      ),
    );
    expect(repeated).toBeDefined();
    if (repeated) expect(counts.byControl[repeated.id]).toBe(inIncidents(repeated.id));
    const none = catalogue.controls.filter((c) => inIncidents(c.id) === 0).map((c) => c.id);
    expect(none.length).toBeGreaterThan(0);
    expect(Object.keys(counts.byControl).sort()).toEqual(
      catalogue.controls
        .map((c) => c.id)
        .filter((id) => !none.includes(id))
        .sort(),
    );
  });
});
