/**
 * `secrets.generic`: the "a person wrote this value" tests are typed words (src/lib/placeholders.ts `namesItself`),
 * never substrings of a random body: values the 100,000-per-type property run lost to the substring filters.
 */
import { describe, it } from 'vitest';
import { catches, passes } from '../../support/rule-tester.js';

describe('secrets.generic: self-describing values', () => {
  it('reports a random value that spells a stopword inside its body', async () => {
    await catches(
      'secrets.generic',
      { 'app.env': 'FIRECRAWL_API_KEY=q8ZxStUbK2mP9wL4vR7nTb\nNOSTR_SECRET=Kx9vAdMiN2wLp4RzN8sYb3Q\n' },
      ['app.env:1', 'app.env:2'],
    );
  });

  it('passes a value that names itself as a word', async () => {
    await passes('secrets.generic', { 'app.env': 'API_KEY=another-secret-value-XYZ789\nSERVICE_TOKEN=dummy_value_42\n' });
  });
});
