/** The seed document's group: the template grown to all eight commands (server_thread_chat.py). */
import { profile } from './profile.js';

export const SEED_GROUP = profile({
  name: 'seed-group',
  description:
    "the seed document's server: all eight commands on the template's loop, j[4:-1] file payloads, personal messages as strings",
  defects: [
    {
      spec: 'template-read-loop',
      why: 'its server_thread_chat.py keeps the template loop (the seed log prints "data dari client: ..." per buffer)',
    },
    {
      spec: 'splits-on-single-spaces',
      why: 'its chat.py keeps the template\'s data.split(" ") and strip() for every command',
    },
    {
      spec: 'file-payload-from-tokens',
      why: 'the payload is rebuilt from j[4:-1]; the seed log\'s download data starts with a space ("data": " c3Rv...")',
    },
    {
      spec: 'unknown-session-informasi',
      why: 'the session is looked up as a dictionary key first, as in the template (the document promises Session Tidak Ditemukan)',
    },
    {
      spec: 'inbox-keeps-drained-keys',
      why: "get_inbox is the template's: one queue per sender or group, listed with [] once drained",
    },
    {
      spec: 'personal-messages-as-strings',
      why: "protocol-facts: in the seed group's server personal messages are plain strings, group messages objects",
    },
  ],
  differences: [
    "the sender gets its own copy of a group message and file, as the reference server does (the seed group's does; not a defect)",
    'a non-member may send to a group, as in the reference server (the seed group does not check membership)',
    'large files are not slow (the real server rebuilds its buffer on every 32-byte read)',
    "a line without end is capped at the server's --max-line; the real server buffers without limit",
  ],
});
