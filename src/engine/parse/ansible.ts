/**
 * Ansible: playbooks, role tasks and handlers, and variable files (`defaults/`, `vars/`, `group_vars/`,
 * `host_vars/`). Task files are Jinja-templated YAML, read with `{{ … }}` neutralised to unknown `${…}` values
 * (read/template.ts). What tasks run and write is read as the files it is:
 *
 * - `shell`, `command`, `raw` (bare or `ansible.builtin.`-qualified; a string, `cmd:`, or an `argv:` list) → one
 *   `ShellTarget` for the file, each character at its place in the YAML;
 * - `copy` with `content:` → an OpenClaw config when `dest:` names one, shell when it is a script.
 *
 * Tasks are found through plays (`tasks`, `pre_tasks`, `post_tasks`, `handlers`) and blocks (`block`, `rescue`,
 * `always`), to a bounded depth.
 */
import { isMap, isScalar, isSeq, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { ShellTarget } from '../../model/target.js';
import { embedHeredoc, embeddedConfigs, isConfigPath, type Embedded } from './embedded.js';
import { offsetMap } from './embed-yaml.js';
import { parseShell, SourceBuilder } from './shell.js';
import { pushScalar } from './shell-sources.js';


const SHELL_MODULES = new Set(['shell', 'command', 'raw'].flatMap((m) => [m, `ansible.builtin.${m}`, `ansible.legacy.${m}`]));
const COPY_MODULES = new Set(['copy', 'ansible.builtin.copy', 'ansible.legacy.copy']);
const TASK_LISTS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];
const MAX_DEPTH = 20;

export function ansibleParts(file: string, text: string, doc: Document): { shell: ShellTarget; embedded: Embedded[] } {
  const b = new SourceBuilder();
  const embedded: Embedded[] = [];
  const visitTask = (task: YAMLMap, depth: number): void => {
    for (const pair of task.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (TASK_LISTS.includes(key) && isSeq(pair.value) && depth < MAX_DEPTH) {
        for (const t of pair.value.items) if (isMap(t)) visitTask(t, depth + 1);
      } else if (SHELL_MODULES.has(key)) {
        const v = pair.value;
        if (isScalar(v)) pushScalar(b, text, v as Scalar);
        else if (isMap(v)) {
          const cmd = v.get('cmd', true);
          const argv = v.get('argv', true);
          if (isScalar(cmd)) pushScalar(b, text, cmd as Scalar);
          else if (isSeq(argv)) {
            for (const w of argv.items) if (isScalar(w) && w.range) b.push(`${String(w.value)} `, w.range[0], false);
            b.push('\n', argv.range?.[1] ?? 0, false);
          }
        }
      } else if (COPY_MODULES.has(key) && isMap(pair.value)) {
        const dest = pair.value.get('dest');
        const content = pair.value.get('content', true);
        if (typeof dest !== 'string' || !isScalar(content)) continue;
        const one = new SourceBuilder();
        pushScalar(one, text, content as Scalar);
        const src = one.build(text.length);
        if (isConfigPath(dest)) embedded.push(embedHeredoc(file, text, { body: src.text, start: src.at(0) }, offsetMap(src.text.length, src.at), dest, { start: task.range?.[0] ?? 0, end: task.range?.[1] ?? 0 }, 'copy task writing'));
        else if (/\.(sh|bash)$/.test(dest) || /^#!.*\b(ba)?sh\b/.test(src.text)) pushScalar(b, text, content as Scalar);
      }
    }
  };
  const root = doc.contents;
  if (isSeq(root)) for (const item of root.items) if (isMap(item)) visitTask(item, 0);
  const parsed = parseShell(b.build(text.length));
  return {
    shell: { kind: 'shell', file, text, origin: 'ansible', pipelines: parsed.pipelines },
    embedded: [...embedded, ...embeddedConfigs(file, text, parsed.pipelines, parsed.heredocOffsets)],
  };
}
