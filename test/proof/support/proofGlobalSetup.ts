import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import buildOnce from '../../e2e/buildOnce';
import { checksDir, proofLevel, reportsDir, type ProofCheck } from './proofRecorder';

type RecordedCheck = ProofCheck & { level: string; recordedAt: string };

/**
 * Builds out/ once (browser mode and the CLI run from it), starts each run with no stale figures,
 * and at the end folds every check's figures into reports/proof.json and reports/proof.md.
 */
export default function proofGlobalSetup() {
  rmSync(checksDir, { recursive: true, force: true });
  mkdirSync(checksDir, { recursive: true });
  buildOnce();
  return () => writeProofReport();
}

export function writeProofReport(): void {
  const checks: RecordedCheck[] = existsSync(checksDir)
    ? readdirSync(checksDir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => JSON.parse(readFileSync(join(checksDir, name), 'utf8')) as RecordedCheck)
        .sort((a, b) => a.id.localeCompare(b.id))
    : [];
  const summary = {
    level: proofLevel(),
    generatedAt: new Date().toISOString(),
    checks: checks.length,
    totalAttempts: checks.reduce((sum, check) => sum + check.attempts, 0),
    totalLost: checks.reduce((sum, check) => sum + check.lost, 0),
    totalBreached: checks.reduce((sum, check) => sum + check.breached, 0),
  };
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, 'proof.json'), `${JSON.stringify({ summary, checks }, null, 2)}\n`);
  writeFileSync(join(reportsDir, 'proof.md'), renderMarkdown(summary, checks));
}

function renderMarkdown(summary: { level: string; generatedAt: string; totalAttempts: number; totalLost: number; totalBreached: number }, checks: RecordedCheck[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Security and fault proof',
    '',
    `Level: ${summary.level} · generated ${summary.generatedAt} · ${checks.length} checks, ${summary.totalAttempts} attempts, ` +
      `${summary.totalLost} lost, ${summary.totalBreached} breached (expected 0 and 0).`,
    '',
    '| area | check | what was tried | attempts | lost | breached | other figures |',
    '|---|---|---|---:|---:|---:|---|',
  ];
  for (const check of checks) {
    const figures = Object.entries(check.figures ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ');
    lines.push(
      `| ${check.area} | ${cell(check.check)} | ${cell(check.tried)} | ${check.attempts} | ${check.lost} | ${check.breached} | ${cell(figures)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
