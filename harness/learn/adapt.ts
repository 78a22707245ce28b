/**
 * A dialect adjusted by what the preflight learned: today, "as given, but the token sits
 * under another key" — the given DialectSpec with `replies.token` replaced, so the adjusted
 * dialect is plain data like any other and a report can name it.
 */
import { dialectFromSpec, type Dialect, type Fixture } from '../../specs/index.js';

export function withTokenKey(dialect: Dialect, key: string, fixture?: Fixture): Dialect {
  const { spec } = dialect;
  return dialectFromSpec(
    {
      ...spec,
      name: `${spec.name}, token under "${key}"`,
      replies: { ...spec.replies, token: key },
    },
    fixture === undefined ? {} : { fixture },
  );
}
