/**
 * `@nx/workspace-disable-needs-reason`: an `eslint-disable` comment names the rules it silences and
 * says why after ` -- `, e.g.
 *   // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest's DynamicModule is typed with any
 * A reviewer can then judge the exception, and a blanket disable cannot hide new problems.
 *
 * Limit: ESLint applies a directive to every rule's reports, this one's included, so a
 * blanket `eslint-disable-line` or block `eslint-disable` silences the report about itself.
 * `eslint-disable-next-line` (the form to use) is always checked.
 */
import type { TSESLint } from '@typescript-eslint/utils';

type MessageIds = 'missingReason' | 'missingRules';

const DIRECTIVE = /^\s*(eslint-disable(?:-next-line|-line)?)(?=\s|$)(.*)$/s;

export const disableNeedsReason: TSESLint.RuleModule<MessageIds, []> = {
  defaultOptions: [],
  meta: {
    type: 'suggestion',
    docs: { description: 'eslint-disable comments name their rules and give a reason after --' },
    schema: [],
    messages: {
      missingReason: '{{directive}} needs a reason: `-- why this exception is right here`.',
      missingRules: '{{directive}} must name the rules it disables.',
    },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const match = DIRECTIVE.exec(comment.value);
          if (!match) continue;
          const [, directive, rest] = match;
          const separator = rest.search(/\s--\s/);
          const rules = (separator === -1 ? rest : rest.slice(0, separator)).trim();
          const reason = separator === -1 ? '' : rest.slice(separator).replace(/^\s--\s/, '').trim();
          if (!rules) context.report({ loc: comment.loc, messageId: 'missingRules', data: { directive } });
          if (!reason) context.report({ loc: comment.loc, messageId: 'missingReason', data: { directive } });
        }
      },
    };
  },
};

export default disableNeedsReason;
