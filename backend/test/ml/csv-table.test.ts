import { DatasetError, readLabelledCsv } from '../../src/ml/csv-table.ts';

const options = { target: 'Converted', positive: 'Yes' };

describe('reading a labelled CSV export', () => {
  it('infers numeric and categorical columns, reads junk values as missing and leaves out identifiers', () => {
    const header = 'Email,Employees,Industry,Title,Converted';
    const lines = Array.from({ length: 120 }, (_, i) =>
      [
        `person${i}@example.com`,
        i % 10 === 0 ? 'unknown' : String(i * 10),
        ['Logistics', 'Retail', 'Select'][i % 3],
        i % 7 === 0 ? '' : 'VP Sales',
        i % 4 === 0 ? 'Yes' : 'No',
      ].join(','),
    );
    const { table, labels, excluded } = readLabelledCsv([header, ...lines].join('\n'), options);
    expect(table.rows).toBe(120);
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Employees', 'numeric'],
      ['Industry', 'categorical'],
    ]);
    const employees = table.columns[0]!.values as Float64Array;
    expect(Number.isNaN(employees[0]!)).toBe(true);
    expect(employees[1]).toBe(10);
    expect((table.columns[1]!.values as (string | null)[]).slice(0, 3)).toEqual(['Logistics', 'Retail', null]);
    expect(excluded).toEqual([
      { column: 'Email', reason: 'an identifier (almost every value is different)' },
      { column: 'Title', reason: 'a single value' },
    ]);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('detects the separator, honours quotes, and takes a given one', () => {
    const text = '"a";"b";"Converted"\n1;"x;y";Yes\n2;"z";No\n';
    expect(readLabelledCsv(text, options).table.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
    expect(() => readLabelledCsv(text, { ...options, separator: ',' })).toThrow(DatasetError);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a header without rows', 'a,Converted\n', /no rows/],
    ['a missing target column', 'a,b\n1,2\n3,4\n', /No column "Converted"; the columns are: a, b/],
    ['a target with one class', 'a,Converted\n1,No\n2,No\n', /single value/],
    [
      'a positive value that never occurs',
      'a,Converted\n1,no\n2,yes\n',
      /No row has Converted = "Yes"; the values are: "no", "yes"/,
    ],
    [
      'text in a numeric column',
      `a,Converted\n${Array.from({ length: 40 }, (_, i) => `${i},Yes`).join('\n')}\nabc,No\n`,
      /Column "a" holds numbers, but line 42 has "abc"/,
    ],
    ['a ragged row', 'a,b,Converted\n1,2,Yes\n3,No\n', /Line 3: .*as many fields as the header/],
    ['a file that is not CSV', '\u0000\u0001PNG binary', /not a CSV text file/],
    ['a file that is not a table', 'just one line of prose without separators\nand another\n', /not a CSV table/],
    ['a dropped column that does not exist', 'a,Converted\n1,Yes\n2,No\n', /--drop names "zzz"/],
  ])('rejects %s with a clear message', (_, text, message) => {
    const drop = message.source.includes('drop') ? ['zzz'] : undefined;
    expect(() => readLabelledCsv(text, { ...options, ...(drop ? { drop } : {}) })).toThrow(message);
  });
});
