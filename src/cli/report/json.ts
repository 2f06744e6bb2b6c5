import type { AuditReport } from '../audit';
import { summarize } from '../audit';
import { familyOf } from '../families';
import { displayPath } from '../project';

/** The machine-readable report. Paths are relative to the working directory the audit ran in. */
export function formatJson(report: AuditReport, tool: { name: string; version: string }): string {
  const where = (file: string) => displayPath(file, report.cwd);
  const output = {
    tool,
    eslintVersion: report.eslintVersion,
    config: report.config,
    projects: report.projects.map(where),
    filesAudited: report.files.length,
    durationMs: Math.round(report.durationMs),
    findings: report.findings.map((finding) => ({
      family: familyOf(finding.rule).id,
      rule: finding.rule,
      file: where(finding.file),
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      messageId: finding.messageId,
      message: finding.message,
      severity: finding.severity === 2 ? 'error' : 'warning',
    })),
    parseErrors: report.parseErrors.map((error) => ({ ...error, file: where(error.file) })),
    summary: summarize(report).map((row) => ({ ...row, family: familyOf(row.rule).id })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
