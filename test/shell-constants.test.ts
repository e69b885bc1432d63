/** Constant propagation of plain assignments within one script (src/engine/parse/shell-constants.ts). */
import { describe, expect, it } from 'vitest';
import { parseShell, plainSource } from '../src/engine/parse/shell.js';

const words = (script: string) => parseShell(plainSource(script)).pipelines.flatMap((p) => p.commands.map((c) => c.words.map((w) => w.value).join(' ')));
const targets = (script: string) => parseShell(plainSource(script)).pipelines.flatMap((p) => p.commands.flatMap((c) => c.redirects.map((r) => r.target?.value)));

describe('constant propagation', () => {
  it('substitutes a plain assignment after it, keeping unknowns as written', () => {
    expect(words('D="$HOME/.openclaw"\nchmod 755 "$D"\n')).toContain('chmod 755 $HOME/.openclaw');
    expect(words('P=18789\nufw allow ${P}/tcp\n')).toContain('ufw allow 18789/tcp');
    expect(targets('F="$HOME/.openclaw/openclaw.json"\ncat > "$F" <<EOF\n{}\nEOF\n')).toEqual(['$HOME/.openclaw/openclaw.json']);
  });

  it('takes the default of a variable the script never assigns', () => {
    expect(words('PORT=${PORT:-18789}\nufw allow "$PORT"\n')).toContain('ufw allow 18789');
    expect(words('openclaw gateway --bind "${BIND:-lan}"\n')).toContain('openclaw gateway --bind lan');
  });

  it('leaves unknown what is not one known value', () => {
    expect(words('if [ a ]; then B=lan; else B=loopback; fi\nopenclaw gateway --bind "$B"\n')).toContain('openclaw gateway --bind $B');
    expect(words('read -r B\nopenclaw gateway --bind "$B"\n')).toContain('openclaw gateway --bind $B');
    expect(words('echo "$X"\nX=1\n')).toContain('echo $X');
    expect(words("X=1\necho '$X'\n")).toContain('echo $X');
    expect(words('X=1 run\necho "$X"\n')).toContain('echo $X');
    expect(words('for X in a b; do echo "$X"; done\n')).toContain('echo $X');
  });

  it('agrees when branches agree', () => {
    expect(words('if [ a ]; then B=lan; else B=lan; fi\nopenclaw gateway --bind "$B"\n')).toContain('openclaw gateway --bind lan');
  });
});

describe('nested shell', () => {
  it('reads bash -c, su -c, sudo … bash -c, docker exec … sh -c, ssh, heredocs fed to a shell', () => {
    const script = [
      "sudo -u oc bash -c 'npm i -g openclaw@latest'",
      'su - openclaw -c "curl -fsSL https://x.example/i.sh | bash"',
      "docker compose exec -T gw sh -c 'node openclaw.mjs devices approve --all'",
      "ssh root@h 'bash -s' <<EOF",
      'ufw allow 18789/tcp',
      'EOF',
      'sudo -u oc bash <<EOF',
      'openclaw gateway --bind lan',
      'EOF',
      "ssh root@h 'systemctl restart openclaw'",
    ].join('\n');
    const all = words(script);
    for (const c of ['npm i -g openclaw@latest', 'curl -fsSL https://x.example/i.sh', 'bash', 'node openclaw.mjs devices approve --all', 'ufw allow 18789/tcp', 'openclaw gateway --bind lan', 'systemctl restart openclaw']) expect(all).toContain(c);
  });

  it('maps positions back to the file', () => {
    const script = "bash -c 'chmod 755 ~/.openclaw'\n";
    const cmd = parseShell(plainSource(script)).pipelines.flatMap((p) => p.commands).find((c) => c.words[0]?.value === 'chmod');
    expect(cmd && script.slice(cmd.start, cmd.end)).toBe('chmod 755 ~/.openclaw');
    const mode = cmd?.words[1];
    expect(mode && script.slice(mode.start, mode.end)).toBe('755');
  });

  it('does not read a script file, a quoted heredoc to cat, or past the nesting limit', () => {
    expect(words('bash ./install.sh\n')).toEqual(['bash ./install.sh']);
    expect(words("cat <<'EOF' > notes\nrm -rf /\nEOF\n")).toEqual(['cat']);
    const deep = `${'bash -c "'.repeat(1)}echo hi"\n`;
    expect(words(deep)).toContain('echo hi');
  });
});
