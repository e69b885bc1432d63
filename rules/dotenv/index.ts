import type { AnyRule } from '../../src/model/rule.js';
import committed from './committed.js';
import notIgnored from './not_ignored.js';

export const dotenvRules: readonly AnyRule[] = [committed, notIgnored];
