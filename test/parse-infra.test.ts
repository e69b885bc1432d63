/**
 * Parsers of the host-configuration kinds (shell and its embeddings, nginx, sshd, systemd): the structure they
 * build and, above all, that every range they give points at the right characters of the original file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model/finding.js';
import { at } from '../src/model/location.js';
import type { NginxDirective, OpenClawTarget, ShellTarget } from '../src/model/target.js';
import { parseFile } from '../src/engine/parse/index.js';
import { Locator } from '../src/engine/parse/locator.js';
import { parseNginx, NginxSyntaxError } from '../src/engine/parse/nginx.js';
import { parseShell, plainSource } from '../src/engine/parse/shell.js';
import { parseSshd } from '../src/engine/parse/sshd.js';
import { parseSystemd } from '../src/engine/parse/systemd.js';
import { globEndsPath } from '../rules/_shared/nginx.js';

const words = (text: string) => parseShell(plainSource(text)).pipelines.map((p) => p.commands.map((c) => c.words.map((w) => w.value)));

function shellOf(file: string, kind: 'shell' | 'makefile' | 'workflow' | 'dockerfile', text: string) {
  const parsed = parseFile(file, kind, text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const shell = kind === 'dockerfile' ? parsed.derived?.find((d) => d.target.kind === 'shell')?.target : parsed.target;
  return { shell: shell as ShellTarget, parsed };
}

describe('shell reader', () => {
  it('splits pipelines on && || ; & and newlines, commands on |, and keeps quoted text in one word', () => {
    expect(words(`a "b c" 'd;e' && f | g || h; i &\nj\\\n  k # not: l`)).toEqual([[['a', 'b c', 'd;e']], [['f'], ['g']], [['h']], [['i']], [['j', 'k']]]);
  });

  it('keeps $(…), ${…}, backquotes and <(…) whole, with quotes and parentheses inside', () => {
    expect(words(`sh -c "$(curl -fsSL "https://x/a b")" x\${A:-")"} \`echo ;\` <(wget -O- u)`)).toEqual([[['sh', '-c', '$(curl -fsSL "https://x/a b")', 'x${A:-")"}', '`echo ;`', '<(wget -O- u)']], [['$(curl -fsSL "https://x/a b")']]]);
  });

  it('drops control words in command position and reads redirections apart from words', () => {
    const p = parseShell(plainSource('if ! sudo ufw allow 22 2>/dev/null; then exit 1; fi\n')).pipelines;
    expect(p.map((x) => x.commands.map((c) => c.words.map((w) => w.value)))).toEqual([[['sudo', 'ufw', 'allow', '22']], [['exit', '1']]]);
    expect(p[0]?.commands[0]?.redirects.map((r) => [r.op, r.target?.value])).toEqual([['>', '/dev/null']]);
  });

  it('gives ranges that point at each word in the file', () => {
    const text = 'echo  "a b"\\\n  c\n';
    const cmd = parseShell(plainSource(text)).pipelines[0]?.commands[0];
    expect(cmd?.words.map((w) => text.slice(w.start, w.end))).toEqual(['echo', '"a b"', 'c']);
  });

  it('reads heredoc bodies (quoted, <<- with tabs) without taking them for commands', () => {
    const text = "cat <<'EOF' >out\nrm -rf /\nEOF\ncat <<-X\n\t\tline $HOME\n\tX\necho done\n";
    const cmds = parseShell(plainSource(text)).pipelines.flatMap((p) => p.commands);
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([['cat'], ['cat'], ['echo', 'done']]);
    expect(cmds[0]?.heredocs[0]).toMatchObject({ delimiter: 'EOF', quoted: true, body: 'rm -rf /\n' });
    expect(cmds[1]?.heredocs[0]).toMatchObject({ delimiter: 'X', quoted: false, stripTabs: true, body: 'line $HOME\n' });
  });
});

describe('shell in other files', () => {
  it('Makefile recipes: make prefixes dropped, $$ is $, ranges in the Makefile', () => {
    const text = 'X := 1\nall: dep\n\t@echo $$HOME \\\n\t  && -x\n\t-rm -f a\nother: ; touch b\n';
    const { shell } = shellOf('Makefile', 'makefile', text);
    const cmds = shell.pipelines.flatMap((p) => p.commands);
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([['echo', '$HOME'], ['-x'], ['rm', '-f', 'a'], ['touch', 'b']]);
    expect(cmds.map((c) => text.slice(c.words[0]?.start, c.words[0]?.end))).toEqual(['echo', '-x', 'rm', 'touch']);
  });

  it('Dockerfile RUN: flags and comment lines inside a continued instruction dropped, exec form skipped', () => {
    const text = 'FROM x\nRUN --mount=type=cache,target=/c apt-get update && \\\n    # comment\n    curl -fsSL u | bash\nRUN ["sh", "-c", "echo hi"]\nCMD ["x"]\n';
    const { shell } = shellOf('Dockerfile', 'dockerfile', text);
    const cmds = shell.pipelines.flatMap((p) => p.commands);
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([['apt-get', 'update'], ['curl', '-fsSL', 'u'], ['bash']]);
    expect(text.slice(cmds[1]?.start, cmds[1]?.end)).toBe('curl -fsSL u');
  });

  it('Dockerfile RUN <<EOF: the heredoc body is the script; COPY <<EOF to a config is an embedded config', () => {
    const text = 'FROM x\nRUN <<EOF\nset -e\nufw allow 18789\nEOF\nCOPY <<EOF /home/node/.openclaw/openclaw.json\n{ gateway: { bind: "lan" } }\nEOF\n';
    const { shell, parsed } = shellOf('Dockerfile', 'dockerfile', text);
    const cmds = shell.pipelines.flatMap((p) => p.commands);
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([['set', '-e'], ['ufw', 'allow', '18789']]);
    expect(text.slice(cmds[1]?.start, cmds[1]?.end)).toBe('ufw allow 18789');
    const emb = parsed.ok ? parsed.derived?.find((d) => d.target.kind === 'openclaw') : undefined;
    expect(emb?.target).toMatchObject({ value: { gateway: { bind: 'lan' } }, embedded: { line: 7 } });
    const out = emb?.reframe?.({ at: at.path(['gateway', 'bind']), message: 'm' });
    expect(out && new Locator('Dockerfile', text).locate(out.at)).toMatchObject({ startLine: 7, startColumn: 14 });
  });

  it('workflow run: steps, literal and folded blocks, non-POSIX shells skipped', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    steps:',
      '      - run: |',
      '          echo one',
      '          npm i -g openclaw',
      '      - run: >-',
      '          ufw allow',
      '          18789',
      '      - shell: pwsh',
      '        run: Remove-Item x',
      '      - run: plain   arg',
      '',
    ].join('\n');
    const { shell } = shellOf('.github/workflows/x.yml', 'workflow', text);
    const cmds = shell.pipelines.flatMap((p) => p.commands);
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([['echo', 'one'], ['npm', 'i', '-g', 'openclaw'], ['ufw', 'allow', '18789'], ['plain', 'arg']]);
    const loc = new Locator('x.yml', text);
    expect(cmds.map((c) => loc.locate(at.range(c.start, c.end)).startLine)).toEqual([6, 7, 9, 13]);
    expect(text.slice(cmds[1]?.words[3]?.start, cmds[1]?.words[3]?.end)).toBe('openclaw');
  });
});

describe('heredoc OpenClaw configs', () => {
  const located = (text: string, file: string, kind: 'shell' | 'workflow', input: Report) => {
    const parsed = parseFile(file, kind, text);
    if (!parsed.ok) throw new Error('parse failed');
    const emb = parsed.derived?.find((d) => d.target.kind === 'openclaw');
    if (!emb?.reframe) throw new Error('no embedded config');
    const out = emb.reframe(input);
    if (!out) throw new Error('report dropped');
    return { target: emb.target as OpenClawTarget, location: new Locator(file, text).locate(out.at), key: out.key };
  };

  it('becomes an openclaw target whose paths, ranges and positions map into the script', () => {
    const text = "#!/bin/sh\nmkdir -p ~/.openclaw\ncat > ~/.openclaw/openclaw.json <<'EOF'\n{\n  gateway: {\n    bind: \"lan\",\n  },\n}\nEOF\n";
    const byPath = located(text, 'install.sh', 'shell', { at: at.path(['gateway', 'bind']), message: 'm' });
    expect(byPath.target.value).toEqual({ gateway: { bind: 'lan' } });
    expect(byPath.target.embedded).toEqual({ origin: 'heredoc', line: 4, expands: false }); // <<'EOF': literal
    expect(byPath.location).toMatchObject({ file: 'install.sh', startLine: 6, startColumn: 5, endLine: 6, endColumn: 16 });
    expect(byPath.key).toBe('heredoc:["gateway","bind"]');
    // A missing key lands on its deepest existing parent, as in a config file of its own.
    expect(located(text, 'install.sh', 'shell', { at: at.path(['gateway', 'auth', 'token']), message: 'm' }).location.startLine).toBe(5);
    expect(located(text, 'install.sh', 'shell', { at: at.position(3, 5, 3, 9), message: 'm' }).location).toMatchObject({ startLine: 6, startColumn: 5 });
    expect(located(text, 'install.sh', 'shell', { at: at.file(), message: 'm' }).location.startLine).toBe(3);
  });

  it('maps columns through stripped tabs and YAML indentation', () => {
    const script = 'if true; then\n\ttee /etc/openclaw/openclaw.json <<-EOF\n\t{ gateway: { port: 1 } }\n\tEOF\nfi\n';
    expect(located(script, 'a.sh', 'shell', { at: at.path(['gateway', 'port']), message: 'm' }).location).toMatchObject({ startLine: 3, startColumn: 15 });
    const wf = 'jobs:\n  a:\n    steps:\n      - run: |\n          cat > openclaw.json <<EOF\n          { gateway: { port: 1 } }\n          EOF\n';
    expect(located(wf, '.github/workflows/w.yml', 'workflow', { at: at.path(['gateway', 'port']), message: 'm' }).location).toMatchObject({ startLine: 6, startColumn: 24 });
  });

  it('recognises the config-path variable as a config target', () => {
    const parsed = parseFile('entrypoint.sh', 'shell', 'cat > "${OPENCLAW_CONFIG_PATH}" <<\'JSON\'\n{ gateway: { port: 1 } }\nJSON\n');
    expect(parsed.ok && parsed.derived?.map((d) => d.target.kind)).toEqual(['openclaw']);
  });

  it('follows a heredoc through a pipe into tee', () => {
    const parsed = parseFile('a.sh', 'shell', "cat <<'EOF' | sudo tee -a /etc/openclaw/openclaw.json >/dev/null\n{ gateway: { port: 1 } }\nEOF\n");
    expect(parsed.ok && parsed.derived?.map((d) => d.target.kind)).toEqual(['openclaw']);
  });

  it('ignores heredocs written to other files', () => {
    const parsed = parseFile('a.sh', 'shell', "cat > notes.json <<'EOF'\n{ broken\nEOF\n");
    expect(parsed.ok && parsed.derived).toEqual([]);
  });
});

describe('nginx parser', () => {
  it('builds nested blocks; quotes, ${var} and comments stay in their words', () => {
    const text = 'http { # c\n  server { listen 443 ssl; location ~ "^/a;b" { add_header X "v;1"; return 200 ${host}x; } }\n}\n';
    const [http] = parseNginx(text);
    const loc = http?.block?.[0]?.block?.[1];
    expect(loc?.name).toBe('location');
    expect(loc?.args.map((a) => a.value)).toEqual(['~', '^/a;b']);
    expect(loc?.block?.map((d) => [d.name, ...d.args.map((a) => a.value)])).toEqual([['add_header', 'X', 'v;1'], ['return', '200', '${host}x']]);
    expect(text.slice(loc?.args[1]?.start, loc?.args[1]?.end)).toBe('"^/a;b"');
  });

  it('reports where braces do not balance', () => {
    expect(() => parseNginx('server {\n listen 80;\n')).toThrow(NginxSyntaxError);
    expect(() => parseNginx('listen 80;\n}\n')).toThrow(/unexpected "}"/);
    expect(() => parseNginx('listen 80\n')).toThrow(/not terminated/);
  });

  it('an include glob names the files a `(^|/)GLOB$` regex with `*` as `[^/]*` would, without building one', () => {
    expect(globEndsPath('snippets/*.conf', 'nginx/snippets/auth.conf')).toBe(true);
    expect(globEndsPath('snippets/*.conf', 'nginx/snippets/a/b.conf')).toBe(false);
    expect(globEndsPath('conf.d/*', 'conf.d/x')).toBe(true);
    expect(globEndsPath('/usr/x.conf', 'usr/x.conf')).toBe(false);
    // A 46 KB literal path made that regex too large to compile (the property test's seed 20261121).
    expect(globEndsPath(`snippets/${'authelia-auth/'.repeat(3500)}x.conf`, 'nginx/snippets/x.conf')).toBe(false);
    const regex = (glob: string) => new RegExp(`(^|/)${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    const unit = fc.constantFrom('a', 'b', '.', '/', '*');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 10 }), fc.string({ unit, maxLength: 12 }), (glob, file) => {
        expect(globEndsPath(glob, file)).toBe(regex(glob).test(file));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sshd parser', () => {
  it('scopes directives to Match blocks until the next Match; Match all ends them; Key=Value works', () => {
    const ds = parseSshd('PermitRootLogin=no\nMatch User a\n  X11Forwarding yes\nPasswordAuthentication no # trailing\nMatch all\nCiphers "aes256-ctr"\n');
    expect(ds.map((d) => [d.keyword, d.args.join(' '), d.match?.criteria ?? null])).toEqual([
      ['permitrootlogin', 'no', null],
      ['match', 'User a', null],
      ['x11forwarding', 'yes', 'User a'],
      ['passwordauthentication', 'no', 'User a'],
      ['match', 'all', null],
      ['ciphers', 'aes256-ctr', null],
    ]);
  });
});

describe('systemd parser', () => {
  it('joins continuations, skips comment lines inside them, and splits words with ranges', () => {
    const text = '[Service]\nExecStart=/usr/bin/openclaw gateway \\\n  # note\n  --token "a b"\nEnvironment=A=1 "B=x y"\n';
    const { sections, directives } = parseSystemd(text);
    expect(sections.map((s) => s.value)).toEqual(['Service']);
    expect(directives.map((d) => [d.key, d.words.map((w) => w.value)])).toEqual([
      ['ExecStart', ['/usr/bin/openclaw', 'gateway', '--token', 'a b']],
      ['Environment', ['A=1', 'B=x y']],
    ]);
    const tok = directives[0]?.words[3];
    expect(text.slice(tok?.start, tok?.end)).toBe('"a b"');
  });
});

describe('robustness', () => {
  const text = (tokens: readonly string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((a) => a.join(''));
  const SHELL = ['a', ' ', '\n', '\t', "'", '"', '\\', '$(', ')', '${', '}', '`', '|', '&&', ';', '<<EOF', 'EOF', '<<-X', 'X', '#', '>', '2>', '<(', 'openclaw.json', 'cat >', '$$', '@'];
  const inRange = (n: number, s: number, e: number) => s >= 0 && e >= s && e <= n;

  it('shell: never throws, every range inside the file, for scripts and Makefiles', () => {
    fc.assert(
      fc.property(text(SHELL), fc.constantFrom('shell' as const, 'makefile' as const), (t, kind) => {
        const parsed = parseFile(kind === 'shell' ? 'a.sh' : 'Makefile', kind, t);
        if (!parsed.ok || parsed.target.kind !== 'shell') return false;
        for (const p of parsed.target.pipelines)
          for (const c of p.commands) {
            if (!inRange(t.length, c.start, c.end)) return false;
            for (const w of c.words) if (!inRange(t.length, w.start, w.end)) return false;
            for (const h of c.heredocs) if (!inRange(t.length, h.start, h.end)) return false;
          }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('shell: deep nesting of quotes and substitutions neither overflows the stack nor takes long', () => {
    const started = performance.now();
    expect(() => parseShell(plainSource('echo "$('.repeat(20000)))).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('nginx: parses or throws NginxSyntaxError, ranges inside the file', () => {
    fc.assert(
      fc.property(text(['a', ' ', '\n', '{', '}', ';', '"', "'", '#', '${', '\\', 'server', 'location']), (t) => {
        try {
          const walk = (ds: readonly NginxDirective[]): boolean => ds.every((d) => inRange(t.length, d.start, d.end) && d.args.every((a) => inRange(t.length, a.start, a.end)) && (!d.block || walk(d.block)));
          return walk(parseNginx(t));
        } catch (e) {
          return e instanceof NginxSyntaxError && e.offset >= 0 && e.offset <= t.length;
        }
      }),
      { numRuns: 300 },
    );
  });
});
