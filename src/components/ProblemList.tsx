import type { Problem } from '../domain/validation.ts';

/** Problems as a person needs them: where (file and path) and what was expected. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <ul className="problem-list">
      {problems.map((p, i) => (
        <li key={i}>
          <code>{p.source}</code> › <code>{p.path}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}
