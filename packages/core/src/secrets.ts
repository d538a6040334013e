// Keeps passwords out of messages: driver text is scrubbed before it reaches an error we build.

/** Replaces every occurrence of each secret in `text` with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Empty secrets would match everywhere; they protect nothing anyway.
    if (secret.length > 0) result = result.split(secret).join('***');
  }
  return result;
}
