import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.ts';
import { firstLoadSize, firstPageSize } from '../build/check-bundle.ts';
import { loadCatalogueDir } from '../build/catalogue-files.ts';
import { bareVersions, buildBarePage, type BarePage } from './bare-page.ts';
import { median, startPreview, type ViteServer } from './bench-server.ts';
import { generatedAssessment, generateScoringCatalogue } from './generate.ts';

/**
 * The table, measured in one run: OpsReady next to a bare React page built from the same
 * installed versions (bare-page.ts). Timings are medians of interleaved runs (OpsReady then bare,
 * bare then OpsReady on the next run, each in a fresh browser context, so nothing is cached), at
 * CPU ×1 and ×4 (Chromium's `Emulation.setCPUThrottlingRate`). The Assessment rows compare with
 * the same DOM drawn by plain React: the OpsReady page's elements, captured after it opened,
 * rendered by a bare page with one component (and one piece of state) per control card.
 * Prints; asserts nothing.
 */

export interface PageComparisonInput {
  /** The app built with the shipped catalogue. */
  readonly appDir: string;
  /** The app built with a generated catalogue of `controls` controls. */
  readonly bigAppDir: string;
  readonly controls: number;
  readonly runs: number;
}

interface Row {
  readonly label: string;
  readonly app: readonly number[];
  readonly bare: readonly number[] | null;
  readonly unit: 'KiB' | 'ms' | 'MB';
  readonly target: string;
}

const THROTTLES = [1, 4] as const;

async function throttled(page: Page, context: BrowserContext, rate: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * Marks when `selector` first exists and the frame after it has been produced, in the page's
 * own clock (ms since navigation start). Installed before any page script runs.
 */
function visibleMarker(selector: string): string {
  return `(() => {
    const mark = () => {
      if (window.__visible !== undefined || !document.querySelector(${JSON.stringify(selector)})) return false;
      window.__visible = null;
      requestAnimationFrame(() => setTimeout(() => { window.__visible = performance.now(); }, 0));
      return true;
    };
    new MutationObserver((_, observer) => { if (mark()) observer.disconnect(); })
      .observe(document, { childList: true, subtree: true });
    // The paint entry can be queued after the marker's frame: read it when it arrives, or an
    // early read finds nothing (the bare page's first paint at CPU ×1 printed NaN).
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'first-contentful-paint') window.__fcp = entry.startTime;
      }
    }).observe({ type: 'paint', buffered: true });
  })();`;
}

async function firstPaint(
  browser: Browser,
  url: string,
  selector: string,
  rate: number,
): Promise<{ fcp: number; visible: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await throttled(page, context, rate);
    await page.addInitScript(visibleMarker(selector));
    await page.goto(url);
    // A function, not text: text would be evaluated in the page, which the app's CSP refuses.
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __visible?: unknown; __fcp?: unknown };
        return typeof w.__visible === 'number' && typeof w.__fcp === 'number';
      },
      undefined,
      { timeout: 60_000 },
    );
    return await page.evaluate<{ fcp: number; visible: number }>(`({
      fcp: window.__fcp,
      visible: window.__visible,
    })`);
  } finally {
    await context.close();
  }
}

/** The DOM of the opened Assessment page, as a tree plain React can render. */
interface DomNode {
  readonly t: string;
  readonly a: Record<string, string>;
  readonly c: (DomNode | string)[];
}

const CAPTURE = `(() => {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const a = {};
    for (const attr of node.attributes) a[attr.name] = attr.value;
    if (node.tagName === 'INPUT' && (node.type === 'radio' || node.type === 'checkbox') && node.checked) a.checked = '';
    return { t: node.tagName.toLowerCase(), a, c: [...node.childNodes].map(walk).filter((x) => x !== null) };
  };
  return [...document.getElementById('root').childNodes].map(walk).filter((x) => x !== null);
})()`;

/** The bare page's code for the same-DOM rows: one component with its own state per card. */
const SAME_DOM_MAIN = `import { createElement, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const RENAME = { class: 'className', for: 'htmlFor', tabindex: 'tabIndex', readonly: 'readOnly',
  colspan: 'colSpan', rowspan: 'rowSpan', maxlength: 'maxLength', autocomplete: 'autoComplete' };
const VOID = new Set(['input', 'br', 'hr', 'img', 'meta', 'link', 'col', 'area', 'source', 'wbr']);

function props(node, key, choice, choose) {
  const p = { key };
  for (const [name, value] of Object.entries(node.a)) {
    if (name === 'style' || name === 'checked' || name === 'value' || name === 'selected') continue;
    p[RENAME[name] ?? name] = value === '' && !name.startsWith('aria-') && !name.startsWith('data-') ? true : value;
  }
  if (node.t === 'input' && (node.a.type === 'radio' || node.a.type === 'checkbox')) {
    p.value = node.a.value;
    p.checked = node.a.type === 'radio' ? choice === node.a.value : 'checked' in node.a;
    p.onChange = () => choose(node.a.value);
  } else if (node.t === 'input' || node.t === 'textarea' || node.t === 'select') {
    p.defaultValue = node.a.value ?? '';
  }
  return p;
}

function render(node, key, choice, choose) {
  if (typeof node === 'string') return node;
  if (node.a['data-control-id'] !== undefined && choose === null) {
    return createElement(Card, { key, node });
  }
  const kids = VOID.has(node.t) || node.t === 'textarea'
    ? []
    : node.c.map((child, i) => render(child, i, choice, choose));
  return createElement(node.t, props(node, key, choice, choose), ...kids);
}

function initialChoice(node) {
  if (typeof node === 'string') return null;
  if (node.t === 'input' && node.a.type === 'radio' && 'checked' in node.a) return node.a.value;
  for (const child of node.c) {
    const found = initialChoice(child);
    if (found !== null) return found;
  }
  return null;
}

function Card({ node }) {
  const [choice, setChoice] = useState(() => initialChoice(node));
  return render(node, undefined, choice, setChoice);
}

function Page() {
  const [tree, setTree] = useState(null);
  window.__open = (next) => setTree(next);
  return tree === null
    ? createElement('h1', null, 'Same DOM, plain React')
    : createElement('div', null, ...tree.map((n, i) => render(n, i, null, null)));
}

createRoot(document.getElementById('root')).render(createElement(StrictMode, null, createElement(Page)));
`;

/** Click → every card → next frame, then one answer's re-render, then the heap after GC. */
interface AssessmentSample {
  readonly open: number;
  readonly answer: number;
  readonly heap: number;
}

const ANSWER_RUNS = 15;

/** Answers spread over the list, timed from the click to React having re-rendered. */
const ANSWER = `(async (runs) => {
  const ids = [...document.querySelectorAll('[data-control-id]')].map((el) => el.dataset.controlId);
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const id = ids[(i * 37) % ids.length];
    const radio = document.querySelector(
      '[data-control-id="' + id + '"] input[type="radio"][value="' + (1 + (i % 2)) + '"]',
    );
    if (!radio) throw new Error('no radio for ' + id);
    // A click on a checked radio changes nothing and would time nothing.
    if (radio.checked) throw new Error(id + ' is already answered ' + radio.value);
    await frame();
    const t0 = performance.now();
    radio.click();
    const t1 = performance.now();
    if (!radio.checked) throw new Error('the click did not answer ' + id);
    if (i >= 2) times.push(t1 - t0);
  }
  return times;
})`;

async function heapAfterGc(page: Page, context: BrowserContext): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}

async function appAssessment(
  browser: Browser,
  url: string,
  controls: number,
  rate: number,
): Promise<AssessmentSample & { dom: DomNode[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}#/catalogue`);
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Opened once and left before the timed opening, as the bare page is (see bareAssessment).
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Assessment' })
      .click();
    await page
      .locator('[data-control-id]')
      .nth(controls - 1)
      .waitFor({ state: 'attached' });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Catalogue' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    await throttled(page, context, rate);
    const open = await page.evaluate<number>(`(async () => {
      const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent === 'Assessment');
      const t0 = performance.now();
      link.click();
      await new Promise((resolve) => {
        const done = () => document.querySelectorAll('[data-control-id]').length >= ${String(controls)};
        if (done()) return resolve();
        new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(); } })
          .observe(document.body, { childList: true, subtree: true });
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    })()`);
    // Captured before the answers: the bare page then starts from the same page and its clicks
    // change answers too. Captured after them, every radio it clicked was already checked, so it
    // timed clicks that changed nothing (0.2 ms, against the app's real answers).
    const dom = await page.evaluate<DomNode[]>(CAPTURE);
    const answers = await page.evaluate<number[]>(`${ANSWER}(${String(ANSWER_RUNS)})`);
    const heap = await heapAfterGc(page, context);
    return { open, answer: median(answers), heap, dom };
  } finally {
    await context.close();
  }
}

async function bareAssessment(
  browser: Browser,
  url: string,
  controls: number,
  rate: number,
): Promise<AssessmentSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(
      `fetch('./tree.json').then((r) => r.json()).then((t) => { window.__tree = t; })`,
    );
    await page.waitForFunction(
      () => (window as unknown as { __tree?: unknown }).__tree !== undefined,
    );
    // Drawn once and cleared before the timed drawing, so React's code is as warm as the app's,
    // which has drawn its Catalogue page and this page once before its timed opening.
    await page.evaluate(`window.__open(window.__tree)`);
    await page
      .locator('[data-control-id]')
      .nth(controls - 1)
      .waitFor({ state: 'attached' });
    await page.evaluate(`window.__open(null)`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await throttled(page, context, rate);
    const open = await page.evaluate<number>(`(async () => {
      const t0 = performance.now();
      window.__open(window.__tree);
      await new Promise((resolve) => {
        const done = () => document.querySelectorAll('[data-control-id]').length >= ${String(controls)};
        if (done()) return resolve();
        new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(); } })
          .observe(document.body, { childList: true, subtree: true });
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    })()`);
    const answers = await page.evaluate<number[]>(`${ANSWER}(${String(ANSWER_RUNS)})`);
    // The captured tree is the bench's input, not the page's state: dropped before measuring.
    await page.evaluate('delete window.__tree');
    const heap = await heapAfterGc(page, context);
    return { open, answer: median(answers), heap };
  } finally {
    await context.close();
  }
}

function format(values: readonly number[], unit: Row['unit']): string {
  const digits = unit === 'ms' && median(values) >= 100 ? 0 : 1;
  const m = median(values).toFixed(digits);
  if (values.length === 1) return `${m} ${unit}`;
  return `${m} ${unit} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

function printTable(rows: readonly Row[]): void {
  const lines = rows.map((r) => {
    const ratio = r.bare === null ? null : median(r.app) / median(r.bare);
    return [
      r.label,
      format(r.app, r.unit),
      r.bare === null ? '—' : format(r.bare, r.unit),
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
      r.target,
    ];
  });
  const head = ['measure (median, min–max)', 'OpsReady', 'bare page', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(row(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(row(l));
}

function reportModelTimes(controls: number, runs: number): number[] {
  const base = loadCatalogueDir('controls');
  const profile = base.profiles[0];
  if (!profile) throw new Error('the bundled catalogue has no default profile');
  const { catalogue, answers } = generateScoringCatalogue(base, controls);
  const assessment = generatedAssessment(catalogue, answers);
  const run = (): unknown =>
    buildReportModel({ catalogue, assessment, profile, reportDate: '2026-01-01' });
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times;
}

export async function runPageComparison(input: PageComparisonInput): Promise<void> {
  const { appDir, bigAppDir, controls, runs } = input;
  let bare: BarePage | undefined;
  let sameDom: BarePage | undefined;
  const servers: ViteServer[] = [];
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    bare = await buildBarePage();
    const app = await startPreview(appDir);
    servers.push(app);
    const bareServer = await startPreview(bare.outDir);
    servers.push(bareServer);
    const bigApp = await startPreview(bigAppDir);
    servers.push(bigApp);

    const rows: Row[] = [
      {
        label: 'first-load JS, gzip -9',
        app: [firstLoadSize(appDir).js.gzip / 1024],
        bare: [firstLoadSize(bare.outDir).js.gzip / 1024],
        unit: 'KiB',
        target: '≤ 1.5×',
      },
      {
        // The first load with what the Catalogue page waits for before its cards are drawn, against
        // the bare page's whole load: what it takes to see the catalogue (check-bundle.ts).
        label: 'first page JS (+ what the Catalogue page waits for), gzip -9',
        app: [firstPageSize(appDir).js.gzip / 1024],
        bare: [firstLoadSize(bare.outDir).js.gzip / 1024],
        unit: 'KiB',
        target: '—',
      },
    ];

    // One capture of the opened Assessment page gives the bare page its DOM.
    const first = await appAssessment(browser, bigApp.url, controls, 1);
    sameDom = await buildBarePage(process.cwd(), {
      main: SAME_DOM_MAIN,
      files: { 'public/tree.json': JSON.stringify(first.dom) },
    });
    const sameDomServer = await startPreview(sameDom.outDir);
    servers.push(sameDomServer);

    for (const rate of THROTTLES) {
      const fcp = { app: [] as number[], bare: [] as number[] };
      const visible = { app: [] as number[], bare: [] as number[] };
      const open = { app: [] as number[], bare: [] as number[] };
      const answer = { app: [] as number[], bare: [] as number[] };
      const heap = { app: [] as number[], bare: [] as number[] };
      for (let i = 0; i < runs; i++) {
        // Interleaved, and the order swapped every run, so drift on a shared machine is shared.
        const order = i % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
        for (const who of order) {
          const paint =
            who === 'app'
              ? await firstPaint(browser, `${app.url}#/catalogue`, '[id^="control-"] h3', rate)
              : await firstPaint(browser, bareServer.url, 'h1', rate);
          fcp[who].push(paint.fcp);
          visible[who].push(paint.visible);
          const a =
            who === 'app'
              ? await appAssessment(browser, bigApp.url, controls, rate)
              : await bareAssessment(browser, sameDomServer.url, controls, rate);
          open[who].push(a.open);
          answer[who].push(a.answer);
          heap[who].push(a.heap);
        }
      }
      const x = `CPU ×${String(rate)}`;
      rows.push(
        { label: `first contentful paint, ${x}`, ...fcp, unit: 'ms', target: '≤ 1.5×' },
        {
          label: `catalogue visible + next frame, ${x}`,
          ...visible,
          unit: 'ms',
          target: '≤ 1.5×',
        },
        {
          label: `open Assessment, ${String(controls)} controls: click → cards → frame, ${x}`,
          ...open,
          unit: 'ms',
          target: '≤ 0.5× (same DOM)',
        },
        {
          label: `answer one control → re-rendered, ${String(controls)} controls, ${x}`,
          ...answer,
          unit: 'ms',
          target: '≤ 1.5×',
        },
      );
      if (rate === 1) {
        rows.push({
          label: `JS heap after GC, ${String(controls)} controls`,
          ...heap,
          unit: 'MB',
          target: '≤ 1.2×',
        });
      }
    }
    const model = reportModelTimes(10_000, 31);
    rows.push({
      label: 'full report model, 10,000 controls, Node',
      app: model,
      bare: null,
      unit: 'ms',
      target: `≤ 20 ms (${(median(model) / 20).toFixed(2)}× now)`,
    });

    console.log('');
    console.log(
      `OpsReady against a bare React page (${bareVersions()}); ${String(runs)} interleaved runs ` +
        `per throttle, fresh browser context each; Chromium ${browser.version()}`,
    );
    printTable(rows);
  } finally {
    await browser.close();
    for (const s of servers) await s.stop();
    bare?.remove();
    sameDom?.remove();
  }
}
