import type { AnyRule } from '../../src/model/rule.js';
import syncedDir from './synced_dir.js';

export const fsRules: readonly AnyRule[] = [syncedDir];
