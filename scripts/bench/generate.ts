import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import type { Catalogue, Control, VectorEffect } from '../../src/domain/catalogue/schema.ts';

/** A seeded generator, so every run of the benchmark scores the same catalogue and answers. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A catalogue of `size` controls: the shipped domains, vectors, incidents and profiles, with the
 * shipped controls cloned under new ids and given random vectors, and answers for about 90% of
 * them (5% not applicable).
 */
export function generateScoringCatalogue(
  base: Catalogue,
  size: number,
): { catalogue: Catalogue; answers: Assessment['answers'] } {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const causes = base.vectors.filter((v) => v.amplifier !== true).map((v) => v.id);
  const effects: VectorEffect[] = ['prevents', 'detects', 'limits-loss', 'speeds-response'];
  const perDomain = Math.ceil(size / base.domains.length);
  const controls: Control[] = [];
  const answers: Record<string, Answer> = {};
  base.domains.forEach((domain, d) => {
    for (let i = 0; i < perDomain && controls.length < size; i++) {
      const template = base.controls[(d * 7 + i) % base.controls.length] ?? base.controls[0];
      if (!template) throw new Error('empty catalogue');
      const id = `${domain.prefix}-${String(i + 1).padStart(3, '0')}`;
      const vectors = [...new Set([pick(causes), pick(causes)])].map((vector) => ({
        vector,
        effects: [pick(effects)],
      }));
      controls.push({ ...template, id, domain: domain.id, vectors });
      const r = random();
      if (r < 0.05) answers[id] = { status: 'na', justification: 'Generated.' };
      else if (r < 0.9) answers[id] = { status: 'level', level: Math.floor(random() * 4) };
    }
  });
  return { catalogue: { ...base, controls }, answers };
}

/** An assessment of the generated catalogue with the generated answers. */
export function generatedAssessment(
  catalogue: Catalogue,
  answers: Assessment['answers'],
): Assessment {
  return {
    id: 'bench',
    name: 'Benchmark',
    organisation: 'Bench',
    scope: 'Generated',
    assessors: [],
    catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    answers,
    meta: {},
  };
}

/**
 * The controls that grow the shipped catalogue to `size` controls for the browser benchmark and
 * the large-catalogue e2e: each domain's shipped controls cloned in turn under ids from PREFIX-100
 * up, titles numbered. The shipped controls keep their ids, because the catalogue's migrations,
 * crosswalks and incidents name them; the clones are spread evenly over the domains.
 */
export function cloneControls(base: Catalogue, size: number): Control[] {
  const extra = Math.max(0, size - base.controls.length);
  const clones: Control[] = [];
  base.domains.forEach((domain, d) => {
    const templates = base.controls.filter((c) => c.domain === domain.id);
    const count =
      Math.floor(extra / base.domains.length) + (d < extra % base.domains.length ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const t = templates[i % templates.length];
      if (!t) throw new Error(`no controls in ${domain.id}`);
      clones.push({
        ...t,
        id: `${domain.prefix}-${String(100 + i)}`,
        title: `${t.title} (${String(i + 1)})`,
      });
    }
  });
  return clones;
}
