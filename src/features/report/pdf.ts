import regularFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import type { ReportDocument } from '../../domain/report/blocks.ts';
import type { PdfFonts } from '../../lib/report-pdf.ts';

/**
 * Fetches the embedded font from this site (Vite emits it as an asset; it is never in the first
 * load) and renders the PDF. The promise is cached, but a failed fetch is not, so a retry works.
 */
let fonts: Promise<PdfFonts> | undefined;
function loadFonts(): Promise<PdfFonts> {
  const get = async (url: string): Promise<Uint8Array> => {
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(`the PDF font could not be loaded (HTTP ${String(response.status)})`);
    return new Uint8Array(await response.arrayBuffer());
  };
  fonts ??= Promise.all([get(regularFontUrl), get(boldFontUrl)])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fonts = undefined;
      throw error;
    });
  return fonts;
}

export async function pdfBytes(
  document: ReportDocument,
  creationDate: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const [{ renderReportPdf }, loaded] = await Promise.all([
    import('../../lib/report-pdf.ts'),
    loadFonts(),
  ]);
  return renderReportPdf(document, {
    fonts: loaded,
    creationDate,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
}
