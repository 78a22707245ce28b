/** The template translated to English by its author: the same server, other error words. */
import { profile } from './profile.js';

export const ENGLISH_TEMPLATE = profile({
  name: 'english-template',
  description:
    "the lecturer's template with its error texts in English (**Incorrect Protocol): auth, send and inbox only",
  defects: [
    { spec: 'template-read-loop', why: "the template's recv(32) loop, unchanged" },
    {
      spec: 'splits-on-single-spaces',
      why: 'the template\'s data.split(" ") and strip(), unchanged',
    },
    {
      spec: 'only-auth-send-inbox',
      why: 'proses knows auth, send and inbox; its else branch answers **Incorrect Protocol',
    },
    {
      spec: 'course-english-errors',
      why: 'every error text translated (protocol-facts: **Incorrect Protocol, User not found, Wrong password)',
    },
    { spec: 'inbox-keeps-drained-keys', why: "the template's get_inbox, unchanged" },
  ],
  differences: [
    'an unknown session answers "Session not found" (the translation of the documented text), where a translated KeyError text would be the template\'s',
    "a line without end is capped at the server's --max-line; the template buffers without limit",
  ],
});
