import { heading, paragraph, type Block } from './blocks.ts';
import { factLines } from './document-summary.ts';
import type { ReportModel } from './model.ts';

/** How the numbers were made, and from what: enough for a reader to check them. */
export function methodBlocks(model: ReportModel): Block[] {
  const p = model.profile;
  const lines = factLines(model);
  return [
    heading('Methodology', 1, { newPage: true }),
    ...model.methodology.flatMap((section): Block[] => [
      heading(section.title, 2),
      ...(section.form === 'steps'
        ? [{ kind: 'list', items: section.paragraphs } as const]
        : section.paragraphs.map((text) => paragraph(text))),
    ]),
    heading('Sources and data', 2),
    p.sources.length === 0
      ? paragraph('Threat profile sources: none; this profile is a reference point, not data.')
      : {
          kind: 'list',
          items: p.sources.map((src) => src.title + (src.url === null ? '' : ` <${src.url}>`)),
        },
    {
      kind: 'keyValues',
      rows: [
        { key: 'Catalogue', value: lines.catalogue },
        { key: 'Threat profile', value: lines.profile },
        // The one place the screen marks the fingerprint for tools that read it off the page.
        lines.data.digest === undefined ? lines.data : { ...lines.data, id: 'data-sha256' },
      ],
    },
    paragraph(
      'To check that this report belongs to a data file, compute the file’s SHA-256 (for example ' +
        'with sha256sum or shasum -a 256) and compare it with the value above. The same ' +
        'data, catalogue, profile and report date always give the same report.',
      'small',
    ),
  ];
}
