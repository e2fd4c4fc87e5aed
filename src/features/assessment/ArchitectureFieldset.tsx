import { memo, useState } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { applyArchitecture } from '../../domain/scoring/architecture.ts';
import { useAppStore } from '../../store/app-store.ts';

/**
 * What the team operates, one checkbox per feature the catalogue asks about. Unticking a feature
 * scores the controls that only it needs as not applicable and drops the vectors it alone brings;
 * the answers stay as they were, so ticking it again restores them.
 */
export const ArchitectureFieldset = memo(
  function ArchitectureFieldset({
    catalogue,
    assessment,
    initiallyOpen = false,
  }: {
    catalogue: Catalogue;
    assessment: Assessment;
    /** Unfolded when first drawn; folded, it says in one line how much the team operates. */
    initiallyOpen?: boolean;
  }) {
    const setArchitecture = useAppStore((s) => s.setArchitecture);
    const [startOpen] = useState(initiallyOpen);
    const features = catalogue.architecture ?? [];
    if (features.length === 0) return null;
    const notOperated = new Set(assessment.architecture?.notOperated ?? []);
    const effect = applyArchitecture(catalogue, notOperated);
    const toggle = (id: string, operated: boolean): void => {
      const next = features
        .map((f) => f.id)
        .filter((f) => (f === id ? !operated : notOperated.has(f)));
      setArchitecture(next);
    };
    const removed = effect.removedControls.length;
    const dropped = effect.removedVectors.length;
    const summary =
      removed === 0 && dropped === 0
        ? 'Every control and attack vector applies.'
        : `${String(removed)} ${removed === 1 ? 'control' : 'controls'} not applicable, ${String(dropped)} attack ${dropped === 1 ? 'vector' : 'vectors'} without weight.`;
    return (
      <details className="panel architecture-panel" open={startOpen}>
        <summary>
          <h2>What your team operates</h2>{' '}
          <span className="muted">
            {notOperated.size === 0
              ? 'everything the catalogue asks about'
              : `${String(features.length - notOperated.size)} of ${String(features.length)} features`}
          </span>
        </summary>
        <fieldset className="architecture" aria-describedby="architecture-help">
          <legend className="visually-hidden">What your team operates</legend>
          <p id="architecture-help" className="muted">
            Untick what you do not run: controls that apply only to it are scored not applicable
            (your answers are kept), and attack vectors that need it get no weight.
          </p>
          <ul className="architecture-features">
            {features.map((f) => {
              const id = `architecture-${f.id}`;
              return (
                <li key={f.id}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={!notOperated.has(f.id)}
                    aria-describedby={`${id}-description`}
                    onChange={(e) => toggle(f.id, e.target.checked)}
                  />{' '}
                  <label htmlFor={id}>{f.name}</label>
                  <span id={`${id}-description`} className="muted small">
                    {' '}
                    {f.description}
                  </span>
                </li>
              );
            })}
          </ul>
          <p role="status" className="muted">
            {summary}
          </p>
        </fieldset>
      </details>
    );
  },
  // It reads the architecture alone: an answer does not draw it again.
  (before, after) =>
    before.catalogue === after.catalogue &&
    before.initiallyOpen === after.initiallyOpen &&
    before.assessment.architecture === after.assessment.architecture,
);
