// Checks of the strftime formats a dataset column or an import may name. Pure.
// Invariant: a format that cannot place a date in a year (e.g. "%m" or "%d %B") is refused:
// DuckDB would read it as year 1900 and the rows would land in the wrong century, silently.

/** strftime codes that carry a year (DuckDB's %Y, %y, %G and the composite %c / %x). */
const YEAR_CODES = new Set(['Y', 'y', 'G', 'c', 'x']);

/** True when `format` contains a year code (a literal "%%" is skipped). */
export const dateFormatHasYear = (format: string): boolean => {
  for (let i = 0; i < format.length - 1; i++) {
    if (format[i] !== '%') continue;
    let j = i + 1;
    if (format[j] === '-') j++; // %-d style flags
    if (YEAR_CODES.has(format[j] ?? '')) return true;
    i = j; // skips the code, so "%%Y" is the literal "%Y", not a year
  }
  return false;
};

/** The hint shown when a date format has no year. */
export const yearlessFormatHint = (format: string): string =>
  `a date needs a year: add %Y (4 digits) or %y (2 digits), e.g. ${JSON.stringify(
    format.includes('%d') ? '%d/%m/%Y' : '%m/%Y',
  )}; if the export has no year, export it again with the year, or add a column with the year before importing`;
