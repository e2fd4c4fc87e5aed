import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { ExportButtons } from '../../src/features/report/ExportButtons.tsx';
import { signedContentJson } from '../../src/lib/fingerprint.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';
import demoText from '../../public/demo/halcyon-assessment.json?raw';
import { readZip } from '../fixtures/zip.ts';
import { captureDownloads } from './downloads.ts';

const parsed = parseAssessmentFile(demoText, 'demo.json', bundledCatalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo: Assessment = { ...parsed.value.file.assessment, workshop: undefined };

const draw = (assessment: Assessment) =>
  render(
    <ExportButtons
      input={{
        catalogue: bundledCatalogue,
        assessment,
        profile: resolveProfile(bundledCatalogue, assessment),
        reportDate: '2026-12-01',
      }}
    />,
  );

const buttons = () => screen.getAllByRole('button');

describe('the export buttons', () => {
  it('show what is being prepared, with a progress bar, and hold every export until it is done', async () => {
    const { names } = captureDownloads();
    draw(demo);
    const markdown = screen.getByRole('button', { name: 'Export Markdown' });
    fireEvent.click(markdown, { detail: 1 });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Preparing the Markdown: computing the report and its fingerprint…',
    );
    expect(screen.getByRole('progressbar', { name: 'Preparing the Markdown' })).toBeInTheDocument();
    for (const b of buttons()) expect(b).toBeDisabled();
    expect(markdown).toHaveAttribute('aria-busy', 'true');
    // Another export asked for meanwhile starts nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Export data (JSON)' }), { detail: 1 });
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Saved opsready-halcyon-finance-fictional-2026-12-01.md.',
      ),
    );
    expect(names).toEqual(['opsready-halcyon-finance-fictional-2026-12-01.md']);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    for (const b of buttons()) expect(b).toBeEnabled();
  });

  it('saves one file for a double click, even when the first export is done before the second click', async () => {
    const { names } = captureDownloads();
    const user = userEvent.setup();
    draw(demo);
    const data = screen.getByRole('button', { name: 'Export data (JSON)' });
    await user.dblClick(data);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Saved /));
    // The second click of a double click, arriving after a fast export has finished.
    fireEvent.click(data, { detail: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(names).toEqual(['opsready-halcyon-finance-fictional-2026-12-01.json']);
    // A fresh single click exports again.
    fireEvent.click(data, { detail: 1 });
    await waitFor(() => expect(names).toHaveLength(2));
  });

  it('saves one Word document for a double click, with its progress shown meanwhile', async () => {
    const { blobs, names } = captureDownloads();
    draw(demo);
    const word = screen.getByRole('button', { name: 'Export Word (.docx)' });
    fireEvent.click(word, { detail: 1 });
    // The second click of the double click, while the first export is still running.
    fireEvent.click(word, { detail: 2 });
    expect(screen.getByRole('progressbar', { name: 'Preparing the Word document' })).toBeVisible();
    // Loading docx takes seconds in jsdom on a shared machine.
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent(
          /^Preparing the Word document: laying out the document \(\d+ of \d+ parts\)…$/,
        ),
      { timeout: 30_000, interval: 5 },
    );
    for (const b of buttons()) expect(b).toBeDisabled();
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent(
          'Saved opsready-halcyon-finance-fictional-2026-12-01.docx.',
        ),
      { timeout: 30_000 },
    );
    expect(names).toEqual(['opsready-halcyon-finance-fictional-2026-12-01.docx']);
    const blob = blobs[0];
    expect(blob?.type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    // jsdom's Blob has no arrayBuffer(); its FileReader reads one.
    const read = new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(new Error('the Word file could not be read'));
      reader.readAsArrayBuffer(blob ?? new Blob());
    });
    const files = readZip(new Uint8Array(await read));
    const xml = files.get('word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('Executive summary');
  }, 60_000);

  it('exports the signed content whose SHA-256 the sign-off records', async () => {
    const { blobs, names } = captureDownloads();
    const unsigned: Assessment = {
      ...demo,
      workshop: { agenda: [], participants: [], agreements: {}, actions: [] },
    };
    const digest = await sha256Hex(signedContentJson(unsigned));
    const signed: Assessment = {
      ...unsigned,
      workshop: {
        agenda: [],
        participants: [],
        agreements: {},
        actions: [],
        signOff: {
          signatories: [{ name: 'Ana', role: 'Auditor' }],
          organisation: demo.organisation,
          scope: demo.scope,
          date: '2026-11-30',
          statement: 'Reviewed.',
          signedAt: '2026-11-30T12:00:00.000Z',
          dataSha256: digest,
        },
      },
    };
    draw(signed);
    fireEvent.click(screen.getByRole('button', { name: 'Export signed content (JSON)' }), {
      detail: 1,
    });
    await waitFor(() => expect(names).toHaveLength(1));
    expect(names[0]).toBe('opsready-halcyon-finance-fictional-2026-12-01-signed-content.json');
    expect(await sha256Hex((await blobs[0]?.text()) ?? '')).toBe(digest);
  });

  it('offers the signed content only for a signed assessment', () => {
    draw(demo);
    expect(
      screen.queryByRole('button', { name: 'Export signed content (JSON)' }),
    ).not.toBeInTheDocument();
  });
});
