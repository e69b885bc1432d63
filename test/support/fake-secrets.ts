/**
 * Fake provider keys with valid shapes and enough entropy to pass the rules' placeholder filters (never real keys:
 * they contain `gatewardenTESTvalue`). They live under test/fixtures/, which the self-scan fences off. Tests check
 * that no output contains them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FAKE_ANTHROPIC_KEYS = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'github', 'fake-anthropic-keys.json'), 'utf8')) as [string, string, string];
