import { describe, expect, it } from 'vitest';
import { checkFirstLoad as check } from '../../scripts/build/check-bundle.ts';

const lazy = {
  'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['src/pdf.ts'] },
  'src/pdf.ts': {
    file: 'assets/pdf.js',
    isDynamicEntry: true,
    imports: ['node_modules/jspdf/dist/jspdf.es.min.js'],
  },
  'node_modules/jspdf/dist/jspdf.es.min.js': { file: 'assets/jspdf.js', isDynamicEntry: true },
};
const clean = (): string => 'console.log("app")';

describe('the first-load bundle check', () => {
  it('passes when jspdf is only reachable through a dynamic import', () => {
    expect(check(lazy, clean)).toEqual([]);
  });

  it('fails when the entry imports jspdf statically', () => {
    const leaked = {
      ...lazy,
      'index.html': { ...lazy['index.html'], imports: ['node_modules/jspdf/dist/jspdf.es.min.js'] },
    };
    expect(check(leaked, clean)).toContainEqual(
      expect.stringContaining('jspdf is statically imported'),
    );
  });

  it('fails when jspdf code is inlined into the entry chunk', () => {
    const read = (file: string): string => (file === 'assets/index.js' ? 'jsPDF.API.foo=1' : '');
    expect(check(lazy, read)).toContainEqual(
      expect.stringContaining('assets/index.js (loaded at start-up)'),
    );
  });

  it('fails when there is no lazy jspdf chunk at all, so it cannot pass by accident', () => {
    const { ['node_modules/jspdf/dist/jspdf.es.min.js']: _gone, ...rest } = lazy;
    expect(check(rest, clean)).toContainEqual(
      'no lazily loaded jspdf chunk was found in the manifest',
    );
  });
});
