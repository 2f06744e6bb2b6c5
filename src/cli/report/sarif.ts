import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { AuditReport } from '../audit';
import { familyOf } from '../families';

/** What the SARIF log says about the tool. */
export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

const SRCROOT = '%SRCROOT%';

/**
 * A SARIF 2.1.0 log of the audit, for code-scanning services: one run, the enabled rules with their
 * help URLs, one result per finding, and files that could not be parsed as tool notifications.
 * Locations are relative to the working directory (`%SRCROOT%`), which in CI is the repository root.
 */
export function formatSarif(report: AuditReport, tool: SarifTool): string {
  const ruleIds = report.rules.map((rule) => rule.id);
  for (const finding of report.findings) {
    if (!ruleIds.includes(finding.rule)) ruleIds.push(finding.rule);
  }
  const ruleInfo = new Map(report.rules.map((rule) => [rule.id, rule]));
  const artifacts: string[] = [];
  const artifactIndex = new Map<string, number>();
  const artifactLocation = (file: string) => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifacts.push(file);
      artifactIndex.set(file, index);
    }
    return { ...fileUri(file, report.cwd), index };
  };

  const results = report.findings.map((finding) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIds.indexOf(finding.rule),
    level: finding.severity === 2 ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.file),
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
            ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
          },
        },
      },
    ],
  }));

  const notifications = report.parseErrors.map((error) => ({
    level: 'error',
    message: { text: `Not audited, ESLint could not parse it: ${error.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(error.file),
          region: { startLine: error.line, startColumn: error.column },
        },
      },
    ],
  }));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: ruleIds.map((id) => {
              const info = ruleInfo.get(id);
              const family = familyOf(id);
              return {
                id,
                ...(info?.description ? { shortDescription: { text: info.description } } : {}),
                ...(info?.url ? { helpUri: info.url } : {}),
                defaultConfiguration: { level: info?.severity === 1 ? 'warning' : 'error' },
                properties: { family: family.id, tags: ['test-isolation', family.id] },
              };
            }),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
        artifacts: artifacts.map((file) => ({ location: fileUri(file, report.cwd) })),
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI from `%SRCROOT%` for files inside the working directory, an absolute file URI otherwise. */
function fileUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
