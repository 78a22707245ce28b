/** The lecturer's template: the server every course server starts from. */
import { profile } from './profile.js';

export const COURSE_TEMPLATE = profile({
  name: 'course-template',
  description:
    'the lecturer\'s template: auth, send and inbox only, its 32-byte read loop and split(" ") parsing',
  defects: [
    {
      spec: 'template-read-loop',
      why: 'its loop is recv(32), rcv += data.decode(), and proses(rcv) once rcv ends with "\\r\\n"',
    },
    {
      spec: 'splits-on-single-spaces',
      why: 'proses does j = data.split(" ") and strips each token; the text is rebuilt as " " + w for w in j[3:]',
    },
    {
      spec: 'only-auth-send-inbox',
      why: 'proses knows auth, send and inbox; its else branch answers **Protocol Tidak Benar',
    },
    {
      spec: 'unknown-session-informasi',
      why: 'self.sessions[sessionid] raises KeyError before send_message checks the session',
    },
    {
      spec: 'inbox-keeps-drained-keys',
      why: 'get_inbox sets msgs[sender] = [] for every queue the user ever had, then drains it',
    },
  ],
  differences: [
    'a line without end is capped at the server\'s --max-line (then "Request Terlalu Panjang" and close); the template buffers without limit',
    'after a character split across reads the handler is dead and its bytes are read and dropped; the template stops reading',
    'at its connection cap the server closes the longest idle connection to admit a new one; the template keeps every socket',
    'users and groups come from the fixture (the template has its own three users)',
  ],
});
