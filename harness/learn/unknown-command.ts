/**
 * Whether an ERROR text means "unknown command": the one judgement, used by the preflight's
 * readers (the runner, the fuzzer) and by `chatspec probe`. A server that lacks a command is
 * UNIMPLEMENTED, never FAIL, in whatever words it says so.
 */
import { isDocumentedErrorText } from '../../specs/index.js';

/** What a server answered a made-up verb, with that verb blanked out (see blankVerb). */
export interface LearnedUnknownCommand {
  readonly text: string;
  /**
   * False when the server says the same to other mistakes (a missing param, say): then its
   * text cannot tell a missing command from a mistake, and only the documented one counts.
   */
  readonly distinct: boolean;
}

/** A text with the verb it names blanked out, so `unknown command: foo` matches `…: bar`. */
export function blankVerb(text: string, verb: string): string {
  const trimmed = text.trim();
  return verb.length === 0 ? trimmed : trimmed.split(verb).join('\u0000');
}

/**
 * The wordings of "unknown command" servers in the wild use, for when nothing was learned:
 * Indonesian and English. A `--` text is the template's missing-params error, not this one.
 */
const UNKNOWN_COMMAND_WORDING = /protocol tidak benar|incorrect protocol|unknown command/i;

/** Whether `text`, the ERROR text sent back for a line starting with `verb`, means unknown command. */
export function isUnknownCommandReply(
  text: string,
  verb: string,
  learned?: LearnedUnknownCommand,
): boolean {
  if (isDocumentedErrorText('UNKNOWN_COMMAND', text)) return true;
  // What this server was seen to say outranks any wording: its own text for a missing-params
  // mistake may well contain "incorrect protocol".
  if (learned !== undefined) {
    return learned.distinct && blankVerb(text, verb).toLowerCase() === learned.text.toLowerCase();
  }
  const trimmed = text.trim();
  return UNKNOWN_COMMAND_WORDING.test(trimmed) && !trimmed.startsWith('--');
}
