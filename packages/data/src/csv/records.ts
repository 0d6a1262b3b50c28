import Papa from 'papaparse';

/** '\r\n' when the first line break is one, else '\r' for old Mac files without any '\n', else '\n'. */
function lineEnding(text: string): '\r\n' | '\r' | '\n' {
  const n = text.indexOf('\n');
  if (n > 0 && text[n - 1] === '\r') return '\r\n';
  return n === -1 && text.includes('\r') ? '\r' : '\n';
}

/**
 * Records (arrays of field strings) from a stream of text chunks, parsed incrementally by PapaParse's core
 * parser: each chunk is parsed up to its last complete record and the rest is carried into the next, so a quoted
 * field may span chunks while memory holds about one chunk. Empty lines are skipped, a leading BOM is dropped.
 */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<string[]> {
  let parser: Papa.Parser | undefined;
  let carry = '';
  let first = true;
  function* parse(text: string, final: boolean): Generator<string[], number> {
    // The line ending is fixed by the first line break seen: PapaParse would otherwise guess it again for every
    // chunk, and a chunk that starts inside a quoted field can mislead the guess.
    parser ??= new Papa.Parser({ delimiter, quoteChar: '"', newline: lineEnding(text) });
    const result = parser.parse(text, 0, !final) as { data: string[][]; meta: { cursor: number } };
    for (const fields of result.data) if (!(fields.length === 1 && fields[0] === '')) yield fields;
    return result.meta.cursor;
  }
  for await (let text of chunks) {
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const input = carry + text;
    carry = input.slice(yield* parse(input, false));
  }
  if (carry !== '') yield* parse(carry, true);
}
