import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { disableNeedsReason } from './disable-needs-reason';

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = disableNeedsReason as unknown as Rule.RuleModule;

ruleTester.run('disable-needs-reason', rule, {
  valid: [
    `const a = 1; // eslint-disable-line no-console -- the CLI prints its report`,
    `// eslint-disable-next-line no-console, no-alert -- the CLI prints its report\nconst a = 1;`,
    `/* eslint-disable no-console -- a script that only prints */\nconst a = 1;`,
    `/* eslint-enable no-console */\nconst a = 1;`,
    `// eslint-disabled features are documented elsewhere\nconst a = 1;`,
  ],
  invalid: [
    {
      code: `// eslint-disable-next-line no-console\nconst a = 1;`,
      errors: [{ messageId: 'missingReason', data: { directive: 'eslint-disable-next-line' } }],
    },
    {
      code: `const a = 1; // eslint-disable-line no-console -- `,
      errors: [{ messageId: 'missingReason' }],
    },
    {
      code: `// eslint-disable-next-line -- everything, for now\nconst a = 1;`,
      errors: [{ messageId: 'missingRules', data: { directive: 'eslint-disable-next-line' } }],
    },
    {
      code: `const a = 1;\n// eslint-disable-next-line\nconst b = 2;`,
      errors: [{ messageId: 'missingRules' }, { messageId: 'missingReason' }],
    },
  ],
});
