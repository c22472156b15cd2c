/**
 * A strict RFC 4180 reader for checking the CSV the report writes: quoted fields may hold commas, doubled
 * quotes and line breaks; anything else malformed throws, so a quoting bug fails the test.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  const endRow = (): void => {
    rows.push(row);
    row = [];
  };
  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += text[index++];
      }
    } else {
      while (index < text.length && !',\r\n'.includes(text[index]!)) {
        if (text[index] === '"') throw new Error(`a quote inside an unquoted field at ${index}`);
        field += text[index++];
      }
    }
    row.push(field);
    if (text[index] === ',') {
      index++;
    } else if (text.startsWith('\r\n', index)) {
      index += 2;
      endRow();
    } else if (index >= text.length) {
      endRow();
    } else {
      throw new Error(`expected a comma or CRLF after a field at ${index}`);
    }
  }
  return rows;
}
