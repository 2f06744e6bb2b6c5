import type { AuditReport } from '../audit';
import { summarize } from '../audit';
import { familyOf } from '../families';
import { displayPath } from '../project';

/** The human report: findings grouped by family and rule with file:line:column, then a summary table. */
export function formatStylish(report: AuditReport): string {
  const lines: string[] = [];
  const where = (file: string) => displayPath(file, report.cwd);

  let currentFamily: string | undefined;
  let currentRule: string | undefined;
  for (const finding of report.findings) {
    const family = familyOf(finding.rule).title;
    if (family !== currentFamily) {
      if (currentFamily !== undefined) lines.push('');
      lines.push(family);
      currentFamily = family;
      currentRule = undefined;
    }
    if (finding.rule !== currentRule) {
      const count = report.findings.filter((other) => other.rule === finding.rule).length;
      lines.push(`  ${finding.rule} (${plural(count, 'finding')})`);
      currentRule = finding.rule;
    }
    lines.push(`    ${where(finding.file)}:${finding.line}:${finding.column}  ${finding.message}`);
  }

  if (report.parseErrors.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('Files that could not be parsed (not audited)');
    for (const error of report.parseErrors) {
      lines.push(`    ${where(error.file)}:${error.line}:${error.column}  ${error.message}`);
    }
  }

  const rows = summarize(report);
  if (rows.length > 0) {
    if (lines.length > 0) lines.push('');
    const filesWithFindings = new Set(report.findings.map((finding) => finding.file)).size;
    lines.push(
      ...table(
        ['Family', 'Rule', 'Findings', 'Files'],
        [
          ...rows.map((row) => [row.family, row.rule, String(row.count), String(row.files)]),
          ['Total', '', String(report.findings.length), String(filesWithFindings)],
        ],
        [false, false, true, true],
      ),
    );
  }

  lines.push('');
  lines.push(headline(report));
  return `${lines.join('\n')}\n`;
}

/** `3 findings in 2 of 8 files (recommended config, 0.4 s)` */
export function headline(report: AuditReport): string {
  const filesWithFindings = new Set(report.findings.map((finding) => finding.file)).size;
  const parts = [`${plural(report.findings.length, 'finding')} in ${filesWithFindings} of ${plural(report.files.length, 'file')}`];
  if (report.parseErrors.length > 0) parts.push(`${plural(report.parseErrors.length, 'file')} not parsed`);
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `${parts.join(', ')} (${report.config} config, ${seconds} s)`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function table(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const render = (row: string[]) =>
    row
      .map((cell, column) => (alignRight[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...rows.map(render)];
}
