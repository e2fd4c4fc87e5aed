import type { Catalogue, Framework, Incident, Severity } from './schema.ts';

/**
 * What the catalogue covers, for `npm run catalogue:check` and the catalogue browser: a reviewer
 * sees at a glance which vectors lean on few controls and which controls no incident exercises.
 */
export interface VectorCoverage {
  readonly vectorId: string;
  readonly name: string;
  readonly amplifier: boolean;
  readonly preventing: number;
  readonly mitigating: number;
  readonly incidents: number;
}

export interface CatalogueCoverage {
  readonly controls: number;
  readonly domains: readonly {
    readonly id: string;
    readonly name: string;
    readonly controls: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
  }[];
  readonly vectors: readonly VectorCoverage[];
  readonly incidents: number;
  readonly attackSteps: number;
  /** Controls that break at least one step of at least one incident. */
  readonly controlsInIncidents: number;
  readonly references: Readonly<Partial<Record<Framework, number>>>;
  readonly profiles: readonly string[];
}

export function catalogueCoverage(catalogue: Catalogue): CatalogueCoverage {
  const inIncidents = new Set(
    catalogue.incidents.flatMap((i) => i.steps.flatMap((s) => s.breaks.map((b) => b.control))),
  );
  const references: Partial<Record<Framework, number>> = {};
  for (const c of catalogue.controls) {
    for (const r of c.references ?? [])
      references[r.framework] = (references[r.framework] ?? 0) + 1;
  }
  return {
    controls: catalogue.controls.length,
    domains: catalogue.domains.map((d) => {
      const members = catalogue.controls.filter((c) => c.domain === d.id);
      const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
      for (const c of members) bySeverity[c.severity] += 1;
      return { id: d.id, name: d.name, controls: members.length, bySeverity };
    }),
    vectors: catalogue.vectors.map((v) => {
      const links = catalogue.controls.flatMap((c) => c.vectors.filter((x) => x.vector === v.id));
      return {
        vectorId: v.id,
        name: v.name,
        amplifier: v.amplifier === true,
        preventing: links.filter((l) => l.effects.includes('prevents')).length,
        mitigating: links.filter((l) => l.effects.some((e) => e !== 'prevents')).length,
        incidents: catalogue.incidents.filter((i) => i.vectors.includes(v.id)).length,
      };
    }),
    incidents: catalogue.incidents.length,
    attackSteps: catalogue.incidents.reduce((n, i) => n + i.steps.length, 0),
    controlsInIncidents: catalogue.controls.filter((c) => inIncidents.has(c.id)).length,
    references,
    profiles: catalogue.profiles.map((p) => p.id),
  };
}

const incidentIndex = new WeakMap<Catalogue, ReadonlyMap<string, readonly Incident[]>>();

/** Incidents in which the control breaks at least one step, newest first. Indexed once per catalogue. */
export function incidentsForControl(catalogue: Catalogue, controlId: string): readonly Incident[] {
  let index = incidentIndex.get(catalogue);
  if (!index) {
    const map = new Map<string, Incident[]>();
    for (const incident of catalogue.incidents) {
      const ids = new Set(incident.steps.flatMap((s) => s.breaks.map((b) => b.control)));
      for (const id of ids) map.set(id, [...(map.get(id) ?? []), incident]);
    }
    index = map;
    incidentIndex.set(catalogue, index);
  }
  return index.get(controlId) ?? [];
}
