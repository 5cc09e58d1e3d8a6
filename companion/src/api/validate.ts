import { zValidator } from '@hono/zod-validator';
import { ValidationError } from '@omnifolio/shared/errors';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';

/**
 * zod validation for a request part. A failure becomes one ValidationError that names each
 * field by path (`credentials.secret`) so the form can point at it.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || target, message: i.message }));
      const first = issues[0];
      throw new ValidationError(first ? `${first.path}: ${first.message}` : 'The request is not valid.', issues, {
        hints: ['Correct the named field and send the request again.'],
      });
    }
  });
}
