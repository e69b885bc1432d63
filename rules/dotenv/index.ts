import type { AnyRule } from '../../src/model/rule.js';
import committed from './committed.js';

export const dotenvRules: readonly AnyRule[] = [committed];
