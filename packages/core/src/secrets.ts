// The last line of defence for passwords and key material: driver text is scrubbed before it
// reaches an error we build. Cassia never puts a secret into a string itself; this only catches driver text.

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

// A PEM body line is 64 base64 characters; shorter fragments (the last line, "-----END ...") are
// either too short to tell anything or public framing.
const MIN_KEY_LINE_LENGTH = 16;

/**
 * The strings to redact for a private key: the whole text, and each line of its body on its own,
 * so a message quoting a piece of the key (or the key with other line endings) shows none of it.
 */
export function keyMaterialSecrets(key: string | Buffer): string[] {
  const text = typeof key === 'string' ? key : key.toString('latin1');
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_KEY_LINE_LENGTH && !line.startsWith('-----'));
  return [text.trim(), ...lines];
}
