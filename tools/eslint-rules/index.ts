/**
 * CPX's own lint rules. @nx/eslint-plugin loads this folder (Nx's convention for workspace
 * rules, compiled with this tsconfig.json) and exposes each rule as
 * `@nx/workspace-<name>`; eslint.config.mjs turns them on where they apply.
 * Each rule has a RuleTester spec beside it: `jest -c tools/jest.config.js`.
 */
import { disableNeedsReason } from './disable-needs-reason';
import { graphqlOperationsAuthenticated } from './graphql-operations-authenticated';
import { handlersUsePlatformAdapters } from './handlers-use-platform-adapters';

export const rules = {
  'disable-needs-reason': disableNeedsReason,
  'graphql-operations-authenticated': graphqlOperationsAuthenticated,
  'handlers-use-platform-adapters': handlersUsePlatformAdapters,
};
