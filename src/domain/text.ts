/**
 * Control characters, the Unicode line and paragraph separators, and the marks that reorder text on
 * screen. From a hostile file they can rewrite a terminal (ESC sequences in CI logs), start a forged
 * line in a log viewer, hide or reverse text, or end up in a PDF's metadata. Tab and line feed are
 * kept where text may span lines.
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROLS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;
const CONTROLS_AND_LINES =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

const visible = (ch: string): string =>
  `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;

/**
 * Text for a terminal: each control character shown as a visible `\u{1B}` escape, so a reader
 * sees that the input carried one and nothing is executed. Tabs and line feeds stay.
 */
export function forTerminal(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** Text for a single-line field such as a PDF's title or author: controls and line ends become spaces. */
export function singleLine(text: string): string {
  return text.replace(CONTROLS_AND_LINES, ' ').replace(/ {2,}/g, ' ').trim();
}
