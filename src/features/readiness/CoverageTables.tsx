import { SOA_STATUS_LABEL, type FrameworkCoverage } from '../../domain/frameworks/coverage.ts';

/** Per framework, each cited id with the controls behind it: statement-of-applicability style. */
export function CoverageTables({ coverage }: { coverage: readonly FrameworkCoverage[] }) {
  return (
    <section aria-labelledby="soa-heading">
      <h2 id="soa-heading">Coverage of other frameworks</h2>
      <p className="muted">
        Each id the catalogue cites, with the controls that cite it and how far each is against its
        target. A citation says a control addresses the id; it does not say the control alone
        satisfies it.
      </p>
      {coverage.map((f) => (
        <div key={f.framework} className="table-scroll">
          <table>
            <caption>
              {f.name}: {f.rows.length} ids cited
            </caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Catalogue controls</th>
              </tr>
            </thead>
            <tbody>
              {f.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.title || '—'}</td>
                  <td>{SOA_STATUS_LABEL[r.status]}</td>
                  <td>
                    <ul className="soa-controls">
                      {r.controls.map((c) => (
                        <li key={c.control.id}>
                          {c.control.id}:{' '}
                          {c.state === 'unanswered'
                            ? 'unanswered'
                            : c.state === 'na'
                              ? 'N/A'
                              : `${String(c.level ?? 0)} of ${String(c.target)}`}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
