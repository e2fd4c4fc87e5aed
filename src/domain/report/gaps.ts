import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control, Effort, Severity } from '../catalogue/schema.ts';
import { incidentsForControl } from '../catalogue/coverage.ts';
import { points } from '../format.ts';
import type { ControlRisk, RiskResult } from '../scoring/risk.ts';
import { actionsFor, type ActionRow } from './workshop.ts';

/** The remediation plan: every control below its target, in two orders. */
export interface GapSection {
  /** Ranked by risk removed if raised to target, highest first. */
  readonly gaps: readonly GapRow[];
  /** The same rows, ranked by risk removed per unit of effort. */
  readonly gapsByEffort: readonly GapRow[];
}

export interface GapRow {
  readonly rank: number;
  readonly controlId: string;
  readonly title: string;
  readonly domainName: string;
  readonly severity: Severity;
  readonly effort: Effort;
  /** Current level, or null when unanswered. */
  readonly level: number | null;
  readonly target: number;
  /** `unanswered` or the level, as shown. */
  readonly levelDisplay: string;
  /**
   * Who carries the gap: the control's owner, else the owners of the actions recorded against it;
   * empty when nobody was named.
   */
  readonly owner: string;
  /** Where `owner` comes from, so a reader knows whether the control itself has an owner. */
  readonly ownerSource: 'control' | 'action' | null;
  /** Actions recorded against the control, as "text (owner, due date)". */
  readonly actions: readonly string[];
  /** The same actions' texts alone, for tables that give owner and date their own columns. */
  readonly actionTexts: readonly string[];
  /** The earliest due date of those actions, `yyyy-mm-dd`; empty when none has one. */
  readonly due: string;
  /** Residual-risk points removed if this control alone reached its target. */
  readonly riskRemoved: number;
  readonly riskRemovedDisplay: string;
  readonly perEffortDisplay: string;
  /** Readiness points the gap costs. */
  readonly points: number;
  readonly pointsDisplay: string;
  readonly vectors: readonly string[];
  readonly incidents: readonly string[];
  /** The same incidents as "Ronin 2022": for tables too narrow for full names. */
  readonly incidentsShort: readonly string[];
}

export function gapSection(
  catalogue: Catalogue,
  assessment: Assessment,
  risk: RiskResult,
  actions: readonly ActionRow[],
): GapSection {
  const result = risk.readiness;
  const domainName = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const namesOf = controlNames(catalogue);
  let totalWeight = 0;
  for (const s of result.controls) if (s.attainment !== null) totalWeight += s.weight;
  // The actions of each control, in their order, found once: a filter of every action per gap
  // made the plan quadratic in a workshop's size.
  const actionsOf = new Map<string, ActionRow[]>();
  for (const a of actions) {
    const list = actionsOf.get(a.controlId);
    if (list) list.push(a);
    else actionsOf.set(a.controlId, [a]);
  }
  const none: readonly ActionRow[] = [];
  const metas = assessment.meta;
  // A gap's readiness points take a handful of values (a weight times a share of its target), so
  // each is formatted once.
  const pointTexts = new Map<number, string>();
  const gaps: GapRow[] = risk.rankedGaps.map((c, i) => {
    const s = c.score;
    const id = s.control.id;
    const recorded = actionsOf.size === 0 ? none : (actionsOf.get(id) ?? none);
    const readinessPoints =
      totalWeight === 0 ? 0 : (100 * s.weight * (1 - (s.attainment ?? 0))) / totalWeight;
    let pointsDisplay = pointTexts.get(readinessPoints);
    if (pointsDisplay === undefined) {
      pointsDisplay = points(readinessPoints);
      pointTexts.set(readinessPoints, pointsDisplay);
    }
    const names = namesOf(s.control);
    // Behind Object.hasOwn: Node 20 reads a key an object lacks slowly, and most gaps have no
    // meta; control ids never name a prototype property, so this reads the same.
    const controlOwner = (Object.hasOwn(metas, id) ? metas[id]?.owner : undefined) ?? '';
    const { owner, ownerSource } = ownerOf(controlOwner, recorded);
    return {
      rank: i + 1,
      controlId: s.control.id,
      title: s.control.title,
      domainName: domainName.get(s.control.domain) ?? s.control.domain,
      severity: s.control.severity,
      effort: s.control.effort,
      level: s.level,
      levelDisplay: s.level === null ? 'unanswered' : String(s.level),
      // Named fields rather than a spread in the middle of the literal, which V8 builds slowly.
      owner,
      ownerSource,
      // The control's own actions are all `actionsFor` keeps of the workshop's.
      actions: recorded.length === 0 ? [] : actionsFor(recorded, s.control.id),
      actionTexts: recorded.map((a) => a.text),
      due:
        recorded.length === 0
          ? ''
          : (recorded.flatMap((a) => (a.due === '' ? [] : [a.due])).sort()[0] ?? ''),
      target: s.target,
      riskRemoved: c.riskRemoved,
      riskRemovedDisplay: points(c.riskRemoved),
      perEffortDisplay: points(c.riskRemovedPerEffort),
      points: readinessPoints,
      pointsDisplay,
      vectors: names.vectors,
      incidents: names.incidents,
      incidentsShort: names.incidentsShort,
    };
  });
  // Both orders hold the same ControlRisk objects, so each row is found by its object; by id only
  // for a result whose orders do not share them.
  const rowOf = new Map<ControlRisk, GapRow>();
  risk.rankedGaps.forEach((c, i) => {
    const row = gaps[i];
    if (row) rowOf.set(c, row);
  });
  let rowById: Map<string, GapRow> | undefined;
  const gapsByEffort: GapRow[] = [];
  for (const c of risk.rankedByEffort) {
    let row = rowOf.get(c);
    if (row === undefined) {
      rowById ??= new Map(gaps.map((g) => [g.controlId, g]));
      row = rowById.get(c.score.control.id);
    }
    if (row) gapsByEffort.push(row);
  }
  return { gaps, gapsByEffort };
}

type ControlNames = Pick<GapRow, 'vectors' | 'incidents' | 'incidentsShort'>;

const namesCache = new WeakMap<
  Catalogue,
  {
    readonly vectorName: ReadonlyMap<string, string>;
    readonly byControl: Map<Control, ControlNames>;
  }
>();

/**
 * The names a gap row lists for its control (its vectors, and the incidents that name it, in full
 * and short), which depend on the catalogue alone: kept per catalogue, which is never mutated, so
 * a report of 5,000 gaps does not look up 15,000 names again. Frozen, because every report of the
 * catalogue shares them.
 */
function controlNames(catalogue: Catalogue): (control: Control) => ControlNames {
  let cached = namesCache.get(catalogue);
  if (!cached) {
    cached = {
      vectorName: new Map(catalogue.vectors.map((v) => [v.id, v.name])),
      byControl: new Map(),
    };
    namesCache.set(catalogue, cached);
  }
  const { vectorName, byControl } = cached;
  return (control) => {
    let names = byControl.get(control);
    if (names === undefined) {
      const incidents = incidentsForControl(catalogue, control.id);
      names = {
        vectors: Object.freeze(control.vectors.map((v) => vectorName.get(v.vector) ?? v.vector)),
        incidents: Object.freeze(incidents.map((x) => x.name)),
        incidentsShort: Object.freeze(incidents.map(shortIncidentName)),
      };
      byControl.set(control, names);
    }
    return names;
  };
}

/** The control's own owner first; without one, whoever the actions against it name, once each. */
function ownerOf(
  controlOwner: string,
  recorded: readonly ActionRow[],
): Pick<GapRow, 'owner' | 'ownerSource'> {
  if (controlOwner !== '') return { owner: controlOwner, ownerSource: 'control' };
  if (recorded.length === 0) return { owner: '', ownerSource: null };
  const named = [...new Set(recorded.map((a) => a.owner).filter((o) => o !== ''))];
  return named.length === 0
    ? { owner: '', ownerSource: null }
    : { owner: named.join(', '), ownerSource: 'action' };
}

/**
 * The leading capitalised words of an incident's name (the victim, by the catalogue's naming
 * convention) and its year: "Ronin bridge validator key theft" of 2022 becomes "Ronin 2022".
 */
export function shortIncidentName(incident: { name: string; date: string }): string {
  const words = incident.name.split(/\s+/);
  const firstCommon = words.findIndex((w) => !/^\p{Lu}/u.test(w));
  // A name that does not start with a proper noun is kept whole rather than guessed at.
  const lead = firstCommon > 0 ? words.slice(0, firstCommon) : words;
  return `${lead.join(' ')} ${incident.date.slice(0, 4)}`;
}
