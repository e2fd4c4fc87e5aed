import { useState } from 'react';
import { downloadText } from '../../components/download.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { localDate } from '../../lib/dates.ts';
import { loadCatalogueDetails } from '../../store/catalogue.ts';

/**
 * Downloads the catalogue shown as an OSCAL 1.1.3 catalog, the file `npm run oscal -- catalog`
 * writes. The converter is loaded on the click, so the page's first load does not carry it.
 */
export function OscalCatalogButton({ catalogue }: { catalogue: Catalogue }) {
  const [message, setMessage] = useState('');
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          // The catalog carries every detail, which the built-in catalogue may still be loading.
          void Promise.all([
            import('../../domain/oscal/catalog-export.ts'),
            loadCatalogueDetails(catalogue),
          ]).then(
            ([{ catalogToOscal, oscalJson }]) => {
              const fileName = `${catalogue.meta.id}-${catalogue.meta.version}-oscal-catalog.json`;
              downloadText(oscalJson(catalogToOscal(catalogue, localDate(new Date()))), fileName);
              setMessage(`Saved ${fileName} (OSCAL 1.1.3 catalog).`);
            },
            (e: unknown) =>
              setMessage(
                `Could not prepare the OSCAL catalog: ${e instanceof Error ? e.message : String(e)}`,
              ),
          );
        }}
      >
        Download as OSCAL catalog (JSON)
      </button>
      <span role="status">{message}</span>
    </>
  );
}
