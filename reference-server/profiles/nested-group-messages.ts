/** A threaded server grown from the template whose group loop reuses its message variable. */
import { profile } from './profile.js';

export const NESTED_GROUP_MESSAGES = profile({
  name: 'nested-group-messages',
  description:
    "all eight commands on the template, with the group bug seen more than once: later members get the previous member's message nested in msg",
  defects: [
    { spec: 'template-read-loop', why: "the template's recv(32) loop, one thread per connection" },
    { spec: 'splits-on-single-spaces', why: 'the template\'s data.split(" ") and strip()' },
    {
      spec: 'unknown-session-informasi',
      why: 'self.sessions[sessionid] raises KeyError first, as in the template',
    },
    {
      spec: 'group-message-nests-previous',
      why: "for member in members: message = {'msg_from': ..., 'msg_to': ..., 'msg': message}",
    },
  ],
  differences: [
    "a line without end is capped at the server's --max-line; the real server buffers without limit",
  ],
});
