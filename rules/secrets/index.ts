import type { AnyRule } from '../../src/model/rule.js';
import anthropicApiKey from './anthropic_api_key.js';

export const secretsRules: readonly AnyRule[] = [anthropicApiKey];
