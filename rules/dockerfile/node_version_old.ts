import { defineRule } from '../../src/model/rule.js';
import { stages } from '../_shared/dockerfile.js';

/** Node release codenames used as tags. */
const CODENAMES: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };
const MINIMUM = 22;

export default defineRule({
  id: 'dockerfile.node_version_old',
  title: 'Node base image older than 22',
  severity: 'medium',
  appliesTo: ['dockerfile'],
  description:
    'OpenClaw requires Node 22 or newer, and Node 20 and older are past their end of life (no security fixes). A `FROM node:18…` / `node:20…` / `node:iron` image runs an unpatched runtime, and the gateway may not start on it. Only the official `node` image is judged, by its tag (version or codename), after `ARG` defaults are substituted.',
  remediation: 'Use a supported Node line: `FROM node:22-bookworm-slim` (or `node:24-…`), pinned by digest.',
  references: ['https://nodejs.org/en/about/previous-releases'],
  tags: ['dockerfile', 'openclaw', 'outdated-runtime', 'CWE-1104'],
  precision: 'high',
  check(target, ctx) {
    for (const s of stages(target.dockerfile)) {
      const m = /^(?:docker\.io\/)?(?:library\/)?node:([\w.-]+)/i.exec(s.image.split('@')[0] ?? '');
      if (!m?.[1]) continue;
      const tag = m[1].toLowerCase();
      const major = /^\d+/.test(tag) ? Number(/^\d+/.exec(tag)?.[0]) : CODENAMES[tag.split('-')[0] ?? ''];
      if (major === undefined || major >= MINIMUM) continue;
      ctx.report({ at: s.at, message: `FROM ${s.image} runs Node ${major}: OpenClaw needs Node ${MINIMUM}+, and Node ${major} is past its end of life.`, properties: { nodeMajor: major } });
    }
  },
});
