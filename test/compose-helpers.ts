/** Builds compose projects from in-memory files with the real parsers and project builder (no disk). */
import { classify, looksLikeCompose } from '../src/engine/read/classify.js';
import { buildComposeProjects } from '../src/engine/assemble/compose/project.js';
import { parseFile } from '../src/engine/parse/index.js';
import type { ComposeProjectTarget, ComposeTarget, DockerfileTarget, DotenvTarget, OpenClawTarget } from '../src/model/target.js';

export function parsed(files: Record<string, string>): { compose: ComposeTarget[]; dotenv: DotenvTarget[]; openclaw: OpenClawTarget[]; dockerfile: DockerfileTarget[] } {
  const out = { compose: [] as ComposeTarget[], dotenv: [] as DotenvTarget[], openclaw: [] as OpenClawTarget[], dockerfile: [] as DockerfileTarget[] };
  for (const [file, text] of Object.entries(files)) {
    let kind = classify(file);
    if (kind === 'text' && looksLikeCompose(file, text)) kind = 'compose';
    if (kind === 'text') throw new Error(`${file} is not a structured file`);
    const p = parseFile(file, kind, text);
    if (!p.ok) throw new Error(`${file}: ${p.error.message}`);
    if (p.target.kind === 'compose') out.compose.push(p.target);
    if (p.target.kind === 'dotenv') out.dotenv.push(p.target);
    if (p.target.kind === 'openclaw') out.openclaw.push(p.target);
    if (p.target.kind === 'dockerfile') out.dockerfile.push(p.target);
  }
  return out;
}

export function projects(files: Record<string, string>): ComposeProjectTarget[] {
  const p = parsed(files);
  return buildComposeProjects(p.compose, p.dotenv).projects;
}

export function project(files: Record<string, string>): ComposeProjectTarget {
  const [first] = projects(files);
  if (!first) throw new Error('no project');
  return first;
}
