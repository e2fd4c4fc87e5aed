import type { Catalogue } from '../catalogue/schema.ts';
import { listInWords, points } from '../format.ts';
import { SEVERITY_WEIGHT } from '../scoring/readiness.ts';
import {
  EFFORT_UNITS,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  RISK_FLOOR,
  type RiskResult,
} from '../scoring/risk.ts';
import {
  EFFICACY,
  LIKELY,
  ONE_LEVEL_BELOW,
  POSSIBLE,
  UNCERTAIN_FACTOR,
  VENDOR_ASSURANCE_EFFICACY,
  VENDOR_ASSURANCE_LEVEL,
} from '../scoring/exposure.ts';
import { ownGapExampleSteps, workedExampleSteps } from '../scoring/worked-example.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import { shareTotals } from '../threat/profile.ts';

export interface MethodSection {
  readonly title: string;
  /** Prose reads as paragraphs; steps are an ordered procedure and print as a numbered list. */
  readonly form: 'prose' | 'steps';
  readonly paragraphs: readonly string[];
}

/** How the scores are computed, in words and formulas, with the figures of this profile. */

export function methodology(
  catalogue: Catalogue,
  profile: ThreatProfile,
  risk?: RiskResult,
): MethodSection[] {
  const own = risk ? ownGapExampleSteps(risk, catalogue) : null;
  const weights = Object.entries(SEVERITY_WEIGHT)
    .map(([severity, weight]) => `${severity} ${String(weight)}`)
    .join(', ');
  const totals = shareTotals(profile.shares);
  const effort = Object.entries(EFFORT_UNITS)
    .map(([e, n]) => `${e} = ${String(n)}`)
    .join(', ');
  return [
    {
      title: 'Answers',
      form: 'prose',
      paragraphs: [
        `Each control is answered on the catalogue's scale, 0 to ${String(catalogue.scale.length - 1)} (${catalogue.scale.map((s) => `${String(s.level)} ${s.name}`).join(', ')}), or marked not applicable with a written justification. The target is the catalogue's baseline for the control unless the assessment sets its own.`,
        "A control's attainment is min(level, target) / target, where the target is the catalogue baseline unless the assessment set its own for that control (the appendix lists them). Unanswered controls count as 0: they are scored as gaps until someone answers them. Not-applicable controls leave every sum, exactly as if the control were not in the catalogue.",
      ],
    },
    {
      title: 'Readiness',
      form: 'prose',
      paragraphs: [
        `Readiness = 100 × Σ(w × attainment) / Σ w over applicable controls, with severity weights w: ${weights}. It does not depend on the threat profile. Gap points are what closing one gap would add: 100 × w × (1 − attainment) / Σ w.`,
      ],
    },
    {
      title: 'Residual risk',
      form: 'prose',
      paragraphs: [
        "For each attack vector v the profile gives an incident share i(v) and a loss share l(v). They say different things. The incident share is how often the vector occurs among incidents. The loss share divided by the incident share, l(v) / i(v), is how costly one occurrence is against the average incident. The index weights each vector by its loss share alone, its share of the money lost; the incident share does not enter the index, and the index is not a probability of being attacked. So a vector with 15% of incidents and 76% of loss weighs about 5 times its incident share, one with 60% of incidents and 18% of loss less than its incident share. The risk matrix shows both shares: each vector placed by how often and how costly, with the team's residual on it, so frequent small losses and rare very costly ones can be told apart.",
        ...(profile.attribution
          ? [
              `Attribution: ${profile.attribution.rule}${(profile.splits ?? []).length === 0 ? '' : ` The profile splits ${listInWords((profile.splits ?? []).map((sp) => `${sp.incident} (${sp.vectors.map((v) => `${v.vector} ${v.fraction.toFixed(2)}`).join(', ')})`))}.`}`,
            ]
          : []),
        `Preventive controls make a vector less likely; controls that detect, limit the loss or speed the response make each occurrence cheaper. P(v) is the weighted attainment of the applicable controls that prevent v, M(v) that of those that detect, limit or respond to it (0 where there are none). residual(v) = ŵ(v) × (1 − ${String(PREVENTION_EFFICACY)} × P(v)) × (1 − ${String(MITIGATION_EFFICACY)} × M(v)), with ŵ(v) = l(v) / Σ l. Residual risk = 100 × Σ residual(v).`,
        `${String(PREVENTION_EFFICACY)} and ${String(MITIGATION_EFFICACY)} are assumptions: the share of likelihood a fully met set of preventive controls removes, and the share of cost that detection and containment save. Neither is 1, because no set of controls removes all risk and containment usually saves part of a loss. So 100 means none of the modelled loss is mitigated and ${points(RISK_FLOOR)} is the floor with every vector fully covered.`,
        `Dividing by Σ l (here ${totals.loss.toFixed(4)} of loss and ${totals.incidents.toFixed(4)} of incidents) makes the index a share of the loss the profile models; shares the profile leaves to its remainder are outside it.`,
        `Gaps are ranked by the index points removed if that control alone reached its target, others as answered; the per-effort ranking divides by effort units (${effort}, an assumption). A domain's weight is the index span between all its controls absent and all at target.`,
      ],
    },
    {
      title: 'Incident exposure',
      form: 'prose',
      paragraphs: exposureParagraphs(catalogue),
    },
    {
      title: 'Worked example',
      form: 'steps',
      paragraphs: own ?? workedExampleSteps(),
    },
  ];
}

/** The incident replay in words, with every figure it uses. */
function exposureParagraphs(catalogue: Catalogue): string[] {
  const n = (x: number): string => String(x);
  const assurance = catalogue.vendorAssurance ?? [];
  const vendor =
    assurance.length === 0
      ? 'This catalogue names no vendor-assurance answers, so vendor-held breaks count for nothing.'
      : `If any step has a preventive break held by a vendor, the incident gets one vendor term, however many of its steps a vendor holds: ${n(VENDOR_ASSURANCE_EFFICACY)} × the best attainment, at level ${n(VENDOR_ASSURANCE_LEVEL)}, of the team's vendor-assurance answers (${assurance.join(', ')}). Once per incident, because the team's assurance of its vendors is one fact, not several independent ones; and small, because contract terms and reviews bind a vendor, they do not operate its controls.`;
  return [
    'Each real incident in the catalogue is an ordered attack path. Each step lists the controls that would have broken it, the level at which they would have, who operates each (the team, or a vendor or counterparty the team can only assess) and its kind: technical enforcement, a procedure people follow, or training. That mapping, the holders and the kinds are our analysis of the public record, not sourced fact. A break that the incident’s own unknowns leave open is marked uncertain, and the table gives the reason.',
    `A preventive break the team holds stops its step with chance p = efficacy × attainment × u. Efficacy is ${n(EFFICACY.technical)} for a technical control, ${n(EFFICACY.procedure)} for a procedure and ${n(EFFICACY.training)} for training. Attainment is 1 at or above the level the break names, ${n(ONE_LEVEL_BELOW)} one level below it (never at level 0) and 0 otherwise; unanswered and not-applicable controls break nothing. u is ${n(UNCERTAIN_FACTOR)} for an uncertain break and 1 otherwise. A control named on several steps counts once, at its largest p, because one weakness does not fail twice independently. These figures are assumptions, not measurements.`,
    `A break held by a vendor never counts through the team’s own answer to that control: the team’s workstation policy says nothing about its vendor’s. ${vendor}`,
    'Steps form a chain, so the incident is stopped if any step is: P(step) = 1 − Π(1 − p) over the step’s breaks, and P = 1 − (1 − vendor term) × Π(1 − P(step)) over the steps. This treats different controls, and the vendor term, as failing independently of each other; where one cause (an infected laptop, a misled signer) defeats several controls at once, P is too high.',
    `Verdicts: would likely have been stopped when P ≥ ${n(LIKELY)} and at least one certain technical break held by the team is met at its level, so procedures and training alone never reach it; might have been stopped when P ≥ ${n(POSSIBLE)}; otherwise detected or loss limited when a team-held break that detects, limits the loss or speeds the response is met at its level, else not stopped. Vendor-held detection and loss limits do not count. For each incident the table lists every single answer that, raised alone to the level a break names, improves the verdict: the best verdict first, then the least effort.`,
  ];
}
