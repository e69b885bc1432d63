import type { AnyRule } from '../../src/model/rule.js';
import installsMissingIntegrity from './installs_missing_integrity.js';
import installsUnpinnedNpmSpecs from './installs_unpinned_npm_specs.js';

export const pluginsRules: readonly AnyRule[] = [installsMissingIntegrity, installsUnpinnedNpmSpecs];
