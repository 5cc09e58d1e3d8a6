/**
 * The Flex Web Service answers errors as XML with a numeric code, HTTP 200 throughout:
 *
 * ```xml
 * <FlexStatementResponse timestamp="28 August, 2012 10:37 AM EDT">
 *   <Status>Fail</Status><ErrorCode>1012</ErrorCode><ErrorMessage>Token has expired.</ErrorMessage>
 * </FlexStatementResponse>
 * ```
 *
 * Codes from IBKR's "Flex Web Service" reference (Error Codes table), each mapped to an
 * error that says what to do.
 */
import { AuthError, type BaseError, NotSupportedError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';

const TOKEN_HINT = 'In Client Portal open Performance & Reports → Flex Queries → Flex Web Service Configuration, generate a new token, and paste it here.';

/** Codes IBKR answers while it is still producing the statement: poll again. */
export const FLEX_NOT_READY_CODES = new Set(['1001', '1004', '1005', '1006', '1007', '1008', '1009', '1019', '1021']);

/** IBKR allows about one request per second and ten per minute per token; 1018 means the minute is used up. */
export const FLEX_RATE_LIMIT_WAIT_MS = 60_000;

export function flexServiceError(code: string, message: string): BaseError {
  const said = message ? ` IBKR said: "${message}" (code ${code}).` : ` (IBKR code ${code}).`;
  switch (code) {
    case '1012':
      return new AuthError(`The Flex Web Service token has expired.${said}`, {
        hints: [TOKEN_HINT, 'Tokens last up to a year; choose the longest validity when you generate one.'],
      });
    case '1015':
      return new AuthError(`IBKR does not recognise this Flex Web Service token.${said}`, { hints: [TOKEN_HINT] });
    case '1011':
      return new AuthError(`The Flex Web Service is not active for this account.${said}`, {
        hints: ['Enable it in Client Portal under Performance & Reports → Flex Queries → Flex Web Service Configuration.'],
      });
    case '1013':
      return new AuthError(`IBKR refused the request because of the token's IP restriction.${said}`, {
        hints: ['Add this computer’s public IP address to the token’s allowed addresses, or generate a token without an IP restriction.'],
      });
    case '1014':
      return new ValidationError(
        `IBKR does not know this Flex query id, or the query is not an Activity Flex Query.${said}`,
        [{ path: 'credentials.queryId', message: 'Invalid query' }],
        {
          hints: ['Copy the Query ID shown next to the query under Performance & Reports → Flex Queries (the number, not the name).'],
        },
      );
    case '1016':
      return new ValidationError(`IBKR says the account in this Flex query is invalid.${said}`, [{ path: 'credentials.queryId', message: 'Invalid account' }], {
        hints: ['Edit the Flex query and select the accounts again.'],
      });
    case '1010':
      return new NotSupportedError(`This is a legacy Flex query, which IBKR no longer serves.${said}`, {
        hints: ['Create a new Activity Flex Query in Client Portal and use its id.'],
      });
    case '1018':
      return new RateLimitedError(`IBKR says too many Flex requests were made with this token.${said}`, FLEX_RATE_LIMIT_WAIT_MS, {
        hints: ['Wait a minute. IBKR allows about ten Flex requests per minute per token, shared with any other tool using it.'],
      });
    case '1003':
      return new UnavailableError(`IBKR says the statement is not available.${said}`, {
        hints: ['Check the query’s period in Client Portal; try again later.'],
      });
    default:
      if (FLEX_NOT_READY_CODES.has(code)) {
        return new UnavailableError(`IBKR is still preparing the Flex statement.${said}`, {
          hints: ['The next sync will ask again. Large queries covering several years can take minutes.'],
        });
      }
      return new ValidationError(`The Flex Web Service refused the request.${said}`, [], { hints: ['Check the token and query id.'] });
  }
}
