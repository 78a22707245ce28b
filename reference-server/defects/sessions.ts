/** Defects in logging in and in telling sessions apart. */
import { ERROR_TEXTS, type Reply } from '../../specs/index.js';
import { defectFamily, type Defect } from './defect.js';
import { isCommand } from './state-edits.js';

function tokenOf(reply: Reply): string | undefined {
  return 'tokenid' in reply ? reply.tokenid : undefined;
}

export const SESSION_DEFECTS: readonly Defect[] = defectFamily('sessions', [
  {
    name: 'any-token-accepted',
    description: 'takes an unknown session id as the user who logged in last',
    breaks: ['SESSION-1', 'SESSION-2'],
    hooks: () => {
      let lastToken: string | undefined;
      return {
        apply(request, next, { state }) {
          if (
            'session' in request &&
            !state.sessions.has(request.session) &&
            lastToken !== undefined &&
            state.sessions.has(lastToken)
          ) {
            return next({ ...request, session: lastToken });
          }
          const reply = next(request);
          lastToken = tokenOf(reply) ?? lastToken;
          return reply;
        },
      };
    },
  },
  {
    name: 'wrong-password-accepted',
    description: 'logs a known user in whatever password is given',
    breaks: ['AUTH-3'],
    hooks: () => ({
      apply(request, next, { state }) {
        if (!isCommand(request, 'AUTH')) return next(request);
        const user = state.users.get(request.username);
        return next(user === undefined ? request : { ...request, password: user.password });
      },
    }),
  },
  {
    name: 'predictable-tokens',
    description: 'makes session ids from a counter (1, 2, 3, …) instead of random UUIDs',
    breaks: ['AUTH-5'],
    hooks: () => ({
      newToken: () => {
        let n = 0;
        return () => String(++n);
      },
    }),
  },
  {
    name: 'reused-token',
    description: 'gives a user the same session id at every login',
    breaks: ['AUTH-4'],
    hooks: () => {
      const tokenOfUser = new Map<string, string>();
      return {
        apply(request, next, { state }) {
          const reply = next(request);
          const fresh = tokenOf(reply);
          if (!isCommand(request, 'AUTH') || fresh === undefined) return reply;
          const earlier = tokenOfUser.get(request.username);
          if (earlier !== undefined && state.sessions.has(earlier)) {
            state.sessions.delete(fresh);
            return { status: 'OK', tokenid: earlier };
          }
          tokenOfUser.set(request.username, fresh);
          return reply;
        },
      };
    },
  },
  {
    name: 'login-ends-other-sessions',
    description: "ends a user's earlier sessions when the user logs in again",
    breaks: ['AUTH-6'],
    hooks: () => ({
      apply(request, next, { state }) {
        const reply = next(request);
        const fresh = tokenOf(reply);
        if (isCommand(request, 'AUTH') && fresh !== undefined) {
          for (const [token, user] of state.sessions) {
            if (user === request.username && token !== fresh) state.sessions.delete(token);
          }
        }
        return reply;
      },
    }),
  },
  {
    name: 'unknown-session-closes',
    description:
      'closes the connection without a reply on an unknown session (an uncaught KeyError)',
    breaks: ['SESSION-1', 'FRAME-1'],
    hooks: () => ({
      dispose: (reply) =>
        reply.status === 'ERROR' && reply.message === ERROR_TEXTS.UNKNOWN_SESSION
          ? 'close'
          : 'reply',
    }),
  },
]);
