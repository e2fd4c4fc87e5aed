import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { catalogueFileSchema } from '../../src/domain/catalogue/schema.ts';
import { parseDataFile } from '../../src/domain/catalogue/load.ts';
import { formatUsd } from '../../src/domain/format.ts';
import { ledgerFigures, type IncidentLedger } from '../../src/domain/threat/ledger.ts';
import { readCatalogueFiles } from '../build/catalogue-files.ts';

/**
 * What `npm run catalogue:check` prints for each ledger of named incidents: its population, and
 * per vector the share the profile computed from it and every incident behind that share, so a
 * reviewer can check a share against the entries without opening the app. Run after the catalogue
 * loaded, so every file here is known to be valid.
 */
export function ledgerLines(dir: string, catalogue: Catalogue): string[] {
  const ledgers: IncidentLedger[] = [];
  for (const file of readCatalogueFiles(dir)) {
    const raw = parseDataFile(file);
    if (!raw.ok) continue;
    const data = catalogueFileSchema.safeParse(raw.value);
    if (data.success) ledgers.push(...(data.data.ledgers ?? []));
  }
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const fallback = catalogue.profiles.find((p) => p.default === true) ?? catalogue.profiles[0];
  return ledgers.flatMap((ledger) => {
    const f = ledgerFigures(ledger);
    const reference = new Map((fallback?.shares ?? []).map((s) => [s.vector, s]));
    const share = (n: number | undefined): string =>
      n === undefined ? '     –' : n.toFixed(4).padStart(6);
    return [
      '',
      `Ledger ${ledger.id} → profile ${ledger.profile.id}: ${String(f.count)} incidents ${ledger.window.from} to ${ledger.window.to}, each over ${formatUsd(ledger.minLossUsd)}`,
      `  total ${formatUsd(f.totalUsd)}, median ${formatUsd(f.medianUsd)}, mean ${formatUsd(f.meanUsd)}; ${String(f.unconfirmed)} of ${String(f.count)} entries unconfirmed`,
      `  Shares (incidents / loss) computed from the ledger${fallback ? `, beside ${fallback.id}` : ''}, and the incidents behind each:`,
      ...f.vectors.flatMap((v) => {
        const ref = reference.get(v.vector);
        return [
          `  ${(vectorName.get(v.vector) ?? v.vector).padEnd(32)} ${share(v.incidentShare)} / ${share(v.lossShare)}   ${fallback ? `${share(ref?.incidents)} / ${share(ref?.loss)}` : ''}`,
          ...v.contributions.map(
            (c) =>
              `      ${c.date} ${c.name}: ${formatUsd(c.lossUsd)} × ${c.fraction === 1 ? '1' : `1/${String(Math.round(1 / c.fraction))}`} = ${formatUsd(c.lossUsd * c.fraction)}${c.confirmed ? '' : ' (unconfirmed)'}`,
          ),
        ];
      }),
    ];
  });
}
