import { loadCatalogueDir } from './catalogue-files.ts';

const dir = process.argv[2] ?? 'controls';
try {
  const c = loadCatalogueDir(dir);
  console.log(
    `${c.meta.id} ${c.meta.version}: ${String(c.controls.length)} controls, ${String(c.incidents.length)} incidents`,
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
