import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRows } from '../../src/domain/csv.ts';
import { forTerminal, singleLine } from '../../src/domain/text.ts';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['  =HYPERLINK("x")', `"'  =HYPERLINK(""x"")"`],
    ['"=1+1', `"'""=1+1"`],
    ['\n=1', `"'\n=1"`],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\u3000\uFF0B1', "'\u3000\uFF0B1"],
  ])('guards %j as text', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text alone and quotes separators', () => {
    expect(csvCell('Hardware keys for all signers')).toBe('Hardware keys for all signers');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('never lets a cell start a formula, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const cell = csvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        const start = unquoted.replace(/^[\s"\u3000]+/, '');
        return !/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(start);
      }),
    );
  });

  it('joins rows with CRLF', () => {
    expect(
      csvRows([
        ['a', '=b'],
        ['c', 'd'],
      ]),
    ).toBe("a,'=b\r\nc,d\r\n");
  });
});

describe('control characters', () => {
  it('shows escape sequences in terminal output instead of running them', () => {
    expect(forTerminal('KEY-01\u001b[2J\u001b]0;pwned\u0007 ok')).toBe(
      'KEY-01\\u{001B}[2J\\u{001B}]0;pwned\\u{0007} ok',
    );
  });

  it('keeps tabs and line feeds for the terminal, removes bidi overrides', () => {
    expect(forTerminal('a\tb\nc\u202Ed')).toBe('a\tb\nc\\u{202E}d');
  });

  it('makes a single clean line for PDF metadata', () => {
    expect(singleLine('Acme\r\n\u0000Labs\u202E  x')).toBe('Acme Labs x');
  });

  it('leaves no control character in terminal text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (text) =>
          // eslint-disable-next-line no-control-regex
          !/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(
            forTerminal(text),
          ),
      ),
    );
  });
});
