// An RFC 4180 CSV reader for the bench page: comma-separated fields, optionally double-quoted,
// `""` inside quotes for a quote, line breaks (LF or CRLF) inside quoted fields kept as they are.
// Returns the rows as objects keyed by the header row.

/** Parses `text` into an array of rows (arrays of field strings). */
export function parseRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: runs to the next quote not followed by another quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('csv: unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') { field += '"'; i = q + 2; } else { i = q + 1; break; }
      }
    } else if (c === ',') {
      row.push(field); field = ''; i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field); field = '';
      rows.push(row); row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c; i++;
    }
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Parses `text` into objects keyed by the header row; throws on a row of the wrong width. */
export function parseRecords(text) {
  const [header, ...rows] = parseRows(text);
  return rows.map((r, k) => {
    if (r.length !== header.length) {
      throw new Error(`csv: record ${k + 1} has ${r.length} fields, the header ${header.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}
