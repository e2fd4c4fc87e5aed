import { fundsSchema, type Funds } from '../assessment/schema.ts';
import type { Catalogue, FundsPool } from '../catalogue/schema.ts';
import { fail, ok, problemsFromZod, type Problem, type Result } from '../validation.ts';

/**
 * Which funds pools an assessment may state: those the catalogue declares whose features the team
 * operates. A pool of something the team says it does not run (a bridge escrow without a bridge)
 * is a contradiction, reported rather than quietly ignored, so a figure the team typed never
 * drops out of the dollar view unseen.
 */
export function poolsFor(catalogue: Catalogue, notOperated: ReadonlySet<string>): FundsPool[] {
  return (catalogue.pools ?? []).filter((p) => p.appliesTo.some((f) => !notOperated.has(f)));
}

/** Problems with stated funds that the schema cannot see: unknown pools and pools not operated. */
export function fundsProblems(
  catalogue: Catalogue,
  notOperated: ReadonlySet<string>,
  funds: Funds,
  source = 'funds',
): Problem[] {
  const declared = new Map((catalogue.pools ?? []).map((p) => [p.id, p]));
  const available = new Set(poolsFor(catalogue, notOperated).map((p) => p.id));
  const featureName = new Map((catalogue.architecture ?? []).map((f) => [f.id, f.name]));
  return Object.keys(funds.pools).flatMap((id): Problem[] => {
    const pool = declared.get(id);
    if (pool === undefined) {
      const known = [...declared.keys()].map((k) => `"${k}"`).join(', ');
      return [
        {
          source,
          path: `pools.${id}`,
          message:
            declared.size === 0
              ? `unknown funds pool "${id}"; catalogue ${catalogue.meta.id} declares none`
              : `unknown funds pool "${id}"; expected one of ${known}`,
        },
      ];
    }
    if (available.has(id)) return [];
    const needs = pool.appliesTo.map((f) => featureName.get(f) ?? f).join(' or ');
    return [
      {
        source,
        path: `pools.${id}`,
        message: `"${pool.name}" needs ${needs}, which the architecture says the team does not operate; remove the amount or tick the feature`,
      },
    ];
  });
}

/**
 * Funds as a team enters them, checked whole: the shape and amounts (schema), then each pool
 * against the catalogue and the architecture. Nothing partial is returned, so nothing partial is
 * saved.
 */
export function checkFunds(
  catalogue: Catalogue,
  notOperated: ReadonlySet<string>,
  input: unknown,
  source = 'funds',
): Result<Funds> {
  const parsed = fundsSchema.safeParse(input);
  if (!parsed.success) return fail(problemsFromZod(source, parsed.error));
  const problems = fundsProblems(catalogue, notOperated, parsed.data, source);
  return problems.length > 0 ? fail(problems) : ok(parsed.data);
}
