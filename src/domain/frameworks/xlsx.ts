/**
 * A minimal Office Open XML workbook (.xlsx), written without a library: text cells only (shared
 * strings, so nothing can ever be read as a formula), merged rows for section headings, column
 * widths, a bold header row and a list validation on one column. It is the layout SEAL's checklist
 * exports and reads back (security-alliance/frameworks, components/cert/excelHelpers.ts). The zip
 * is stored uncompressed with a fixed date, so the same answers always give the same bytes.
 */

export interface SheetSpec {
  /** At most 31 characters, none of : \ / ? * [ ]. */
  readonly name: string;
  readonly columns: readonly { readonly header: string; readonly width: number }[];
  /** A row of one cell spanning every column (a section heading), or a row of cells. */
  readonly rows: readonly ({ readonly heading: string } | { readonly cells: readonly string[] })[];
  /** A 0-based column whose data cells may hold only these values. */
  readonly validation?: { readonly column: number; readonly values: readonly string[] };
}

/** Text XML 1.0 can hold: control characters other than tab and line ends are dropped. */
function xmlText(s: string): string {
  let kept = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const allowed =
      c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
    if (allowed) kept += ch;
  }
  return kept
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A valid sheet name: forbidden characters replaced, cut to 31, never empty. */
export function sheetName(name: string): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, '-')
    .slice(0, 31)
    .trim();
  return clean === '' ? 'Sheet' : clean;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      bytes.push(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 63),
        0x80 | ((c >> 6) & 63),
        0x80 | (c & 63),
      );
    }
  }
  return Uint8Array.from(bytes);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries, dated 1980-01-01 so the bytes never depend on now. */
export function storedZip(
  entries: readonly { readonly name: string; readonly data: Uint8Array }[],
): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (size: number): { bytes: Uint8Array; view: DataView } => {
    const bytes = new Uint8Array(size);
    return { bytes, view: new DataView(bytes.buffer) };
  };
  for (const entry of entries) {
    const name = utf8(entry.name);
    const crc = crc32(entry.data);
    const local = header(30);
    local.view.setUint32(0, 0x04034b50, true);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(6, 0x0800, true);
    local.view.setUint16(8, 0, true);
    local.view.setUint16(10, 0, true);
    local.view.setUint16(12, 0x21, true);
    local.view.setUint32(14, crc, true);
    local.view.setUint32(18, entry.data.length, true);
    local.view.setUint32(22, entry.data.length, true);
    local.view.setUint16(26, name.length, true);
    local.view.setUint16(28, 0, true);
    chunks.push(local.bytes, name, entry.data);
    const dir = header(46);
    dir.view.setUint32(0, 0x02014b50, true);
    dir.view.setUint16(4, 20, true);
    dir.view.setUint16(6, 20, true);
    dir.view.setUint16(8, 0x0800, true);
    dir.view.setUint16(10, 0, true);
    dir.view.setUint16(12, 0, true);
    dir.view.setUint16(14, 0x21, true);
    dir.view.setUint32(16, crc, true);
    dir.view.setUint32(20, entry.data.length, true);
    dir.view.setUint32(24, entry.data.length, true);
    dir.view.setUint16(28, name.length, true);
    dir.view.setUint32(42, offset, true);
    central.push(dir.bytes, name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = header(22);
  end.view.setUint32(0, 0x06054b50, true);
  end.view.setUint16(8, entries.length, true);
  end.view.setUint16(10, entries.length, true);
  end.view.setUint32(12, centralSize, true);
  end.view.setUint32(16, offset, true);
  const all = [...chunks, ...central, end.bytes];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The workbook's bytes: one sheet per spec, in order. */
export function workbook(sheets: readonly SheetSpec[]): Uint8Array<ArrayBuffer> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    const found = index.get(s);
    if (found !== undefined) return found;
    strings.push(s);
    index.set(s, strings.length - 1);
    return strings.length - 1;
  };
  const cell = (col: number, row: number, text: string, style: number): string =>
    text === ''
      ? ''
      : `<c r="${columnLetter(col)}${String(row)}" t="s" s="${String(style)}"><v>${String(ref(text))}</v></c>`;
  const sheetXml = sheets.map((sheet) => {
    const last = columnLetter(sheet.columns.length - 1);
    const rows: string[] = [
      `<row r="1">${sheet.columns.map((c, i) => cell(i, 1, c.header, 1)).join('')}</row>`,
    ];
    const merges: string[] = [];
    const dataRows: number[] = [];
    sheet.rows.forEach((r, i) => {
      const n = i + 2;
      if ('heading' in r) {
        rows.push(`<row r="${String(n)}">${cell(0, n, r.heading, 1)}</row>`);
        merges.push(`<mergeCell ref="A${String(n)}:${last}${String(n)}"/>`);
      } else {
        dataRows.push(n);
        rows.push(
          `<row r="${String(n)}">${r.cells.map((t, c) => cell(c, n, t, 2)).join('')}</row>`,
        );
      }
    });
    const v = sheet.validation;
    const validation =
      v === undefined || dataRows.length === 0
        ? ''
        : `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${dataRows.map((n) => `${columnLetter(v.column)}${String(n)}`).join(' ')}"><formula1>${xmlText(`"${v.values.join(',')}"`)}</formula1></dataValidation></dataValidations>`;
    return (
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
      `<cols>${sheet.columns.map((c, i) => `<col min="${String(i + 1)}" max="${String(i + 1)}" width="${String(c.width)}" customWidth="1"/>`).join('')}</cols>` +
      `<sheetData>${rows.join('')}</sheetData>` +
      (merges.length === 0
        ? ''
        : `<mergeCells count="${String(merges.length)}">${merges.join('')}</mergeCells>`) +
      validation +
      `</worksheet>`
    );
  });
  const names = sheets.map((s) => xmlText(sheetName(s.name)));
  const files: { name: string; text: string }[] = [
    {
      name: '[Content_Types].xml',
      text:
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${String(i + 1)}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `</Types>`,
    },
    {
      name: '_rels/.rels',
      text: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      text: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${String(i + 1)}" r:id="rId${String(i + 1)}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text:
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${String(i + 1)}" Type="${REL}/worksheet" Target="worksheets/sheet${String(i + 1)}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${String(sheets.length + 1)}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId${String(sheets.length + 2)}" Type="${REL}/styles" Target="styles.xml"/>` +
        `</Relationships>`,
    },
    ...sheetXml.map((text, i) => ({ name: `xl/worksheets/sheet${String(i + 1)}.xml`, text })),
    {
      name: 'xl/styles.xml',
      text:
        `${XML}<styleSheet xmlns="${MAIN}">` +
        `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
        `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
        `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
        `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
        `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>` +
        `</styleSheet>`,
    },
  ];
  // Shared strings last: every cell above has added its text by now.
  files.push({
    name: 'xl/sharedStrings.xml',
    text: `${XML}<sst xmlns="${MAIN}" count="${String(strings.length)}" uniqueCount="${String(strings.length)}">${strings.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('')}</sst>`,
  });
  return storedZip(files.map((f) => ({ name: f.name, data: utf8(f.text) })));
}
