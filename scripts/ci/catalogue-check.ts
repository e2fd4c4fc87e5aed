import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { catalogueCoverage } from '../../src/domain/catalogue/coverage.ts';
import {
  CatalogueError,
  loadCatalogueDir,
  loadFrameworksDir,
  readCatalogueFiles,
} from '../build/catalogue-files.ts';
import { crosswalkCoverageLines } from '../../src/domain/frameworks/summary.ts';
import { ledgerLines } from './ledger-lines.ts';

/**
 * `npm run catalogue:check [dir]`: validates every catalogue file and the cross-references, the
 * same checks the build and the app run, and prints what the catalogue covers.
 */
const dir = resolve(process.argv[2] ?? 'controls');
try {
  const catalogue = loadCatalogueDir(dir);
  const files = readCatalogueFiles(dir).length;
  const cov = catalogueCoverage(catalogue);
  const pad = (s: string, n: number): string => s.padEnd(n);
  const lines = [
    `${catalogue.meta.id} ${catalogue.meta.version}: valid (${String(files)} files in ${relative(process.cwd(), dir) || '.'})`,
    '',
    `Controls: ${String(cov.controls)} in ${String(cov.domains.length)} domains`,
    ...cov.domains.map(
      (d) =>
        `  ${pad(d.name, 20)} ${String(d.controls).padStart(3)}   critical ${String(d.bySeverity.critical)}, high ${String(d.bySeverity.high)}, medium ${String(d.bySeverity.medium)}, low ${String(d.bySeverity.low)}`,
    ),
    '',
    'Attack vectors: controls that prevent / mitigate, incidents',
    ...cov.vectors.map(
      (v) =>
        `  ${pad(v.name + (v.amplifier ? ' (amplifier)' : ''), 32)} ${String(v.preventing).padStart(3)} / ${String(v.mitigating).padStart(3)}   ${String(v.incidents)}`,
    ),
    '',
    // The dollar view caps each vector's incidents by the funds these pools hold.
    `Funds pools: ${(catalogue.pools ?? []).map((p) => `${p.id} (${p.holder})`).join(', ') || 'none (no dollar view)'}`,
    ...catalogue.vectors.flatMap((v) =>
      v.reaches === undefined ? [] : [`  ${pad(v.name, 32)} reaches ${v.reaches.join(', ')}`],
    ),
    '',
    `Incidents: ${String(cov.incidents)} with ${String(cov.attackSteps)} attack steps; ${String(cov.controlsInIncidents)} of ${String(cov.controls)} controls break at least one step`,
    `References: ${Object.entries(cov.references)
      .map(([f, n]) => `${f} ${String(n)}`)
      .join(', ')}`,
    `Threat profiles: ${cov.profiles.join(', ') || 'none (the app uses equal weights)'}`,
    `Answer migrations: ${
      (catalogue.migrations ?? [])
        .map((m) => `${m.version} ${m.kind} ${m.from.join(', ')} → ${m.into}`)
        .join('; ') || 'none'
    }`,
  ];
  // Only the shipped catalogue has crosswalks; another directory is checked without them.
  const crosswalk = existsSync(join(dir, 'crosswalks'))
    ? ['', ...crosswalkCoverageLines(loadFrameworksDir(dir, catalogue))]
    : [];
  console.log([...lines, ...ledgerLines(dir, catalogue), ...crosswalk].join('\n'));
} catch (e) {
  console.error(e instanceof CatalogueError ? e.message : e);
  process.exit(1);
}
