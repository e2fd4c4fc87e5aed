import type { Catalogue, Control } from '../../domain/catalogue/schema.ts';
import { useCatalogue } from '../../store/catalogue.ts';

function ControlDetail({ control, catalogue }: { control: Control; catalogue: Catalogue }) {
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  return (
    <article className="control-card" aria-labelledby={`cat-${control.id}`}>
      <h3 id={`cat-${control.id}`}>
        <span className="control-id">{control.id}</span> {control.title}
      </h3>
      <p className="objective">{control.objective}</p>
      <p className="control-meta">
        Severity <strong>{control.severity}</strong> · Effort <strong>{control.effort}</strong> ·
        Baseline target <strong>level {control.baseline}</strong>
      </p>
      <details>
        <summary>
          Details<span className="visually-hidden"> of {control.id}</span>
        </summary>
        <h4>Why it matters</h4>
        <p>{control.rationale}</p>
        <h4>Maturity levels</h4>
        <ol className="level-list" start={0}>
          {control.levels.map((descriptor, level) => (
            <li key={level}>
              <strong>
                {level} {catalogue.scale[level]?.name}:
              </strong>{' '}
              {descriptor}
            </li>
          ))}
        </ol>
        <h4>Attack vectors</h4>
        <ul>
          {control.vectors.map((v) => (
            <li key={v.vector}>
              {vectorName.get(v.vector) ?? v.vector}: {v.effects.join(', ')}
            </li>
          ))}
        </ul>
        <h4>How an auditor verifies it</h4>
        <p>{control.verification}</p>
        <h4>Evidence</h4>
        <ul>
          {control.evidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
        {control.references && control.references.length > 0 && (
          <>
            <h4>References</h4>
            <ul>
              {control.references.map((r) => (
                <li key={`${r.framework}-${r.id}`}>
                  {r.framework} {r.id}
                  {r.title ? ` — ${r.title}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </details>
    </article>
  );
}

export function CataloguePage() {
  const catalogue = useCatalogue();
  return (
    <>
      <div className="page-head">
        <h1>Catalogue</h1>
        <p>
          {catalogue.meta.name}{' '}
          <span className="muted">
            ({catalogue.meta.id} {catalogue.meta.version})
          </span>
          : {catalogue.controls.length} controls in {catalogue.domains.length} domains.
        </p>
        <p className="muted">{catalogue.meta.description}</p>
      </div>
      <section aria-labelledby="scale-title" className="scale">
        <h2 id="scale-title">Maturity scale</h2>
        <dl>
          {catalogue.scale.map((s) => (
            <div key={s.level}>
              <dt>
                {s.level} {s.name}
              </dt>
              <dd>{s.meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
      {catalogue.domains.map((domain) => (
        <section key={domain.id} aria-labelledby={`domain-${domain.id}`} className="domain">
          <h2 id={`domain-${domain.id}`}>{domain.name}</h2>
          <p className="muted">{domain.description}</p>
          {catalogue.controls
            .filter((c) => c.domain === domain.id)
            .map((c) => (
              <ControlDetail key={c.id} control={c} catalogue={catalogue} />
            ))}
        </section>
      ))}
    </>
  );
}
