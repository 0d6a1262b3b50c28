/**
 * A plain-text table with a header rule; numbers are right-aligned, text left-aligned.
 *
 * @example
 * table(['name', 'n'], [['iris', '150']]);
 * // 'name  n  \n----  ---\niris  150\n'
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+±0-9.,e%\s]*$/.test(r[i] ?? '') && (r[i] ?? '') !== ''),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`;
}
