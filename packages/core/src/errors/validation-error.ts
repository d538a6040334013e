// Values rejected by a model's zod schemas before anything was sent; bounded in size, so a hostile
// request with a million bad elements yields a small error, not one a hundred times its size.
import { escapeInput } from '../describe-value';
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** One problem with a value, shaped like a zod issue. */
export interface ValidationIssue {
  path: readonly (string | number)[];
  message: string;
  code: string;
}

/** Options of a ValidationError: the cause, and issues found but not passed (counted only). */
export interface ValidationErrorOptions extends CassiaErrorOptions {
  /** Issues the caller found beyond those it passed; added to `omittedIssues`. */
  omittedIssues?: number;
}

// Bounds of what one error keeps and says; each cut says how much was left out.
const MAX_ISSUES = 100;
const MAX_MESSAGE_LENGTH = 2000;
const MAX_ISSUE_MESSAGE_LENGTH = 300;
const MAX_PATH_KEY_LENGTH = 200;
const SUMMARY_TRAILER_ROOM = 40;

/** Values failed validation; nothing was sent to the database. */
export class ValidationError extends CassiaError {
  /** The most issues an error keeps; the rest are only counted in `omittedIssues`. */
  static readonly MAX_ISSUES = MAX_ISSUES;
  /** The longest message an error carries (longer ones are cut and say so). */
  static readonly MAX_MESSAGE_LENGTH = MAX_MESSAGE_LENGTH;

  readonly code = 'ERR_CASSIA_VALIDATION';
  /** The first problems found (at most `MAX_ISSUES`), each with its path in the validated value. */
  readonly issues: readonly ValidationIssue[];
  /** How many further problems were found and not kept. */
  readonly omittedIssues: number;

  constructor(message: string, issues: readonly ValidationIssue[], options: ValidationErrorOptions = {}) {
    super(escapeInput(message, MAX_MESSAGE_LENGTH), options);
    const kept = issues.slice(0, MAX_ISSUES);
    this.issues = Object.freeze(kept.map(boundedIssue));
    this.omittedIssues = issues.length - kept.length + Math.max(0, Math.floor(options.omittedIssues ?? 0));
  }

  /**
   * A ValidationError whose message is `subject: ` and a summary of the issues, built from the
   * first few only (a summary of every issue is what made errors huge).
   */
  static fromIssues(subject: string, issues: readonly ValidationIssue[], options: ValidationErrorOptions = {}): ValidationError {
    const parts: string[] = [];
    let length = subject.length;
    let shown = 0;
    for (const issue of issues) {
      if (shown === MAX_ISSUES) break;
      const part = `${describePath(issue.path)}: ${escapeInput(String(issue.message), MAX_ISSUE_MESSAGE_LENGTH)}`;
      // Room is kept for the count of issues left out, so the message always ends with it.
      if (shown > 0 && length + part.length > MAX_MESSAGE_LENGTH - SUMMARY_TRAILER_ROOM) break;
      parts.push(part);
      length += part.length + 2;
      shown += 1;
    }
    const more = issues.length - shown + Math.max(0, Math.floor(options.omittedIssues ?? 0));
    const summary = more > 0 ? `${parts.join('; ')}; and ${more} more issue(s)` : parts.join('; ');
    return new ValidationError(`${subject}: ${summary}`, issues, options);
  }
}

function boundedIssue(issue: ValidationIssue): ValidationIssue {
  const path = issue.path.map((key) => (typeof key === 'string' && key.length > MAX_PATH_KEY_LENGTH ? escapeInput(key, MAX_PATH_KEY_LENGTH) : key));
  return Object.freeze({ ...issue, path, message: escapeInput(String(issue.message), MAX_ISSUE_MESSAGE_LENGTH) });
}

function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(values)';
  return path.map((key) => (typeof key === 'string' ? escapeInput(key, 60) : String(key))).join('.');
}
