/**
 * A failure as staff read it on the run: the error's name and message, never a stack trace. Step Functions
 * hands a Catch `{ Error, Cause }`, where a Lambda's Cause is the JSON of `{ errorType, errorMessage, trace }`.
 */
const MAX_REASON = 500;

export function failureReason(error: { Error?: string; Cause?: string } | undefined): string {
  const name = error?.Error ?? 'unknown error';
  let message = error?.Cause ?? '';
  try {
    const cause = JSON.parse(message) as { errorMessage?: unknown };
    if (typeof cause === 'object' && cause !== null) message = typeof cause.errorMessage === 'string' ? cause.errorMessage : '';
  } catch {
    // a plain-text cause is the message itself
  }
  return (message && message !== name ? `${name}: ${message}` : name).slice(0, MAX_REASON);
}
