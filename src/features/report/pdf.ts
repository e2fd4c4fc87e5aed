import type { jsPDF } from 'jspdf';
import { toLatin1, type Block, type ReportDocument } from '../../domain/report/document.ts';

/**
 * The only module that touches jspdf, and only through dynamic imports: the library stays out of
 * the first load and is fetched (from this site, never a CDN) when someone exports.
 */
let libraries: ReturnType<typeof importLibraries> | undefined;
function importLibraries() {
  return Promise.all([import('jspdf'), import('jspdf-autotable')]);
}
function loadLibraries() {
  // A failed load (e.g. the site was updated and the old chunk is gone) must not stick.
  libraries ??= importLibraries().catch((error: unknown) => {
    libraries = undefined;
    throw error;
  });
  return libraries;
}

const MARGIN = 16;
const HEADER_Y = 9;
const COLOURS = { ink: [20, 33, 43], muted: [90, 104, 115], accent: [15, 61, 62] } as const;

export async function renderPdf(document: ReportDocument, creationDate: Date): Promise<jsPDF> {
  const [{ jsPDF }, { autoTable }] = await loadLibraries();
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.setProperties({
    title: toLatin1(document.metadata.title),
    subject: toLatin1(document.metadata.subject),
    author: toLatin1(document.metadata.author),
    keywords: toLatin1(document.metadata.keywords),
    creator: 'OpsReady',
  });
  doc.setCreationDate(creationDate);

  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const textWidth = pageWidth - 2 * MARGIN;
  let y = MARGIN + 6;

  const ensureSpace = (needed: number): void => {
    if (y + needed > pageHeight - MARGIN) {
      doc.addPage();
      y = MARGIN + 6;
    }
  };

  const write = (text: string, size: number, style: 'normal' | 'bold', gapAfter: number): void => {
    doc.setFont('helvetica', style);
    doc.setFontSize(size);
    const lines = doc.splitTextToSize(toLatin1(text), textWidth) as string[];
    const lineHeight = size * 0.45;
    for (const line of lines) {
      ensureSpace(lineHeight);
      doc.text(line, MARGIN, y);
      y += lineHeight;
    }
    y += gapAfter;
  };

  const drawBlock = (block: Block): void => {
    doc.setTextColor(...COLOURS.ink);
    switch (block.kind) {
      case 'heading':
        ensureSpace(16);
        y += 2;
        doc.setTextColor(...COLOURS.accent);
        write(block.text, 14, 'bold', 2);
        break;
      case 'paragraph':
        write(block.text, 10, 'normal', 3);
        break;
      case 'score':
        ensureSpace(22);
        doc.setFont('helvetica', 'normal');
        doc.setFontSize(10);
        doc.setTextColor(...COLOURS.muted);
        doc.text(toLatin1(block.label), MARGIN, y);
        y += 11;
        doc.setFont('helvetica', 'bold');
        doc.setFontSize(28);
        doc.setTextColor(...COLOURS.accent);
        doc.text(toLatin1(block.value), MARGIN, y);
        y += 8;
        break;
      case 'keyValues':
      case 'table': {
        const head = block.kind === 'table' ? [block.head.map(toLatin1)] : undefined;
        const body =
          block.kind === 'table'
            ? block.rows.length > 0
              ? block.rows.map((r) => r.map(toLatin1))
              : [[toLatin1(block.empty)]]
            : block.rows.map(([k, v]) => [toLatin1(k), toLatin1(v)]);
        autoTable(doc, {
          ...(head ? { head } : {}),
          body,
          startY: y,
          margin: { left: MARGIN, right: MARGIN, top: MARGIN + 4 },
          theme: block.kind === 'table' ? 'striped' : 'plain',
          styles: { font: 'helvetica', fontSize: 9, cellPadding: 1.6, overflow: 'linebreak' },
          headStyles: { fillColor: [...COLOURS.accent], textColor: 255 },
          ...(block.kind === 'keyValues'
            ? { columnStyles: { 0: { fontStyle: 'bold', cellWidth: 32 } } }
            : {}),
        });
        y = (doc as jsPDF & { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 6;
        break;
      }
    }
  };

  document.blocks.forEach(drawBlock);

  // Running header and page numbers go on last, when the page count is known.
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    doc.setPage(page);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8);
    doc.setTextColor(...COLOURS.muted);
    doc.text(toLatin1(document.header), MARGIN, HEADER_Y);
    doc.text(`Page ${page} of ${pages}`, pageWidth - MARGIN, pageHeight - 8, { align: 'right' });
  }
  return doc;
}

export async function downloadPdf(document: ReportDocument, creationDate: Date): Promise<void> {
  const doc = await renderPdf(document, creationDate);
  doc.save(document.fileName);
}
