import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type Request } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Page model: tests say what a person does, this class knows how the UI does it. */
export class OpsReadyApp {
  readonly requests: string[] = [];
  /** Console errors and uncaught exceptions; a CSP violation is reported here too. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (request: Request) => this.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  expectNoErrors(): void {
    expect(this.errors).toEqual([]);
  }

  async open(route: 'catalogue' | 'assessment' | 'report' = 'catalogue'): Promise<void> {
    await this.page.goto(`./#/${route}`);
    await expect(this.page.getByRole('banner').getByText('OpsReady')).toBeVisible();
  }

  async navigate(label: 'Catalogue' | 'Assessment' | 'Workshop' | 'Report'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: label })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }

  control(id: string): Locator {
    return this.page.getByRole('article', { name: new RegExp(`^${id} `) });
  }

  async answer(id: string, levelLabel: RegExp): Promise<void> {
    const radio = this.control(id).getByRole('radio', { name: levelLabel });
    await radio.check();
    await expect(radio).toBeChecked();
  }

  async readiness(): Promise<string> {
    return (await this.page.getByTestId('overall-readiness').innerText()).trim();
  }

  async loadDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load demo assessment' }).first().click();
    await expect(
      this.page
        .getByRole('status')
        .filter({ hasText: /Loaded|Switched/ })
        .first(),
    ).toBeVisible();
  }

  /**
   * Opens the report with the demo assessment loaded, and returns the scores and the data's
   * SHA-256 it shows, for comparing with what an export says.
   */
  async openDemoReport(): Promise<{ readiness: string; risk: string; sha256: string }> {
    await this.open('report');
    await this.loadDemo();
    return {
      readiness: await this.readiness(),
      risk: (await this.page.getByTestId('residual-risk').innerText()).trim(),
      sha256: (await this.page.getByTestId('data-sha256').innerText()).trim(),
    };
  }

  /**
   * Clicks the button and saves the file it downloads at `pathFor(the name the app gave it)`;
   * returns where it was saved and that name.
   */
  async download(
    button: string,
    pathFor: (fileName: string) => string,
  ): Promise<{ path: string; fileName: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button }).click();
    const file = await download;
    const fileName = file.suggestedFilename();
    const path = pathFor(fileName);
    await file.saveAs(path);
    return { path, fileName };
  }

  /** Exports the PDF and returns where it was saved and the name the app gave it. */
  exportPdf(saveAs: string): Promise<{ path: string; fileName: string }> {
    return this.download('Export PDF', () => saveAs);
  }

  async expectNoSeriousAxeViolations(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(
      serious.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
      ),
    ).toEqual([]);
  }

  /** Every request must go to the app's own origin: assessment data never leaves the machine. */
  expectOnlySameOriginRequests(): void {
    const origin = new URL(this.page.url()).origin;
    const foreign = this.requests.filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:')) return false;
      return new URL(url).origin !== origin;
    });
    expect(this.requests.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  }
}

/** The hex SHA-256 of a file, as sha256sum prints it. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/**
 * The text in drawing order: a table cell's wrapped lines stay together, where `-layout` puts
 * each line beside its neighbours' and splits a phrase across the row.
 */
export function pdfRawText(path: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

export function pdfInfo(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', path], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .flatMap((m) => (m?.[1] !== undefined && m[2] !== undefined ? [[m[1], m[2]]] : [])),
  );
}
