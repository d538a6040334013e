// The last line of defence for passwords: driver text is scrubbed before it reaches an error we
// build. Cassia never puts a password into a string itself; this only catches driver text.

// A secret this long is redacted wherever it appears; a shorter one only as a whole token, since a
// short string turns up inside ordinary words (the password "e" in "all hosts tried").
const MIN_SUBSTRING_SECRET_LENGTH = 8;

/**
 * Replaces each secret in `text` with `***`: everywhere when it has at least 8 characters,
 * otherwise where it stands as a whole token (not next to a letter, digit or underscore).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Empty secrets would match everywhere; they protect nothing anyway.
    if (secret.length === 0 || !result.includes(secret)) continue;
    if (secret.length >= MIN_SUBSTRING_SECRET_LENGTH) {
      result = result.split(secret).join('***');
    } else {
      const token = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(secret)}(?![\\p{L}\\p{N}_])`, 'gu');
      result = result.replace(token, '***');
    }
  }
  return result;
}

function escapeRegExp(text: string): string {
  // The syntax characters, the only ones a unicode-mode pattern lets us escape.
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
