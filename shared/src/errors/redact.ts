/**
 * Removes credentials from text before it reaches a message or a log: userinfo in URLs,
 * and query parameters that carry keys or signatures. Providers echo URLs in their errors,
 * and ccxt puts the full signed URL into its exception messages.
 */
const SENSITIVE_PARAMS =
  /([?&](?:signature|sign|apikey|api_key|key|secret|token|access_token|refresh_token|passphrase|x_cg_pro_api_key|x_cg_demo_api_key)=)[^&\s"']*/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s:]+(?::[^/@\s]*)?@/gi;

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_USERINFO, '$1***@').replace(SENSITIVE_PARAMS, '$1***');
  for (const secret of secrets) {
    // Short strings would redact ordinary words; real credentials are long.
    if (secret.length >= 8) out = out.split(secret).join('***');
  }
  return out;
}
