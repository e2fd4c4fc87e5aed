/**
 * Shown in place of a character the PDF font cannot draw. The font must have this glyph itself
 * (DejaVu Sans does): a PDF library that meets an unknown character drops it without a trace, and
 * a reader must be able to see that something was there.
 */
export const REPLACEMENT = '\uFFFD';

export interface PrintableText {
  readonly text: string;
  /** How many characters were replaced by {@link REPLACEMENT}. */
  readonly replaced: number;
}

/**
 * Makes text safe to hand to a font that covers only some of Unicode: composed to NFC first (so
 * "e" + combining acute becomes the "é" the font has), line ends become "\n", tabs spaces, and every other
 * character the font lacks, control characters included, becomes {@link REPLACEMENT}.
 */
export function printable(text: string, hasGlyph: (codePoint: number) => boolean): PrintableText {
  let out = '';
  let replaced = 0;
  for (const ch of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x0a) out += ch;
    else if (code === 0x09) out += ' ';
    else if (code >= 0x20 && code !== 0x7f && hasGlyph(code)) out += ch;
    else {
      out += REPLACEMENT;
      replaced += 1;
    }
  }
  return { text: out, replaced };
}
