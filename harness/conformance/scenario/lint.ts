/**
 * Checks a scenario's parts against each other once it has a valid shape: every `${name}`
 * means something, role constraints name group roles, downloads name payloads. A mistake
 * here is the scenario author's, so it is reported when the file is loaded, not mid-run.
 */
import type { SchemaIssue } from './schema.js';
import { TemplateError, templateNames } from './template.js';
import type { Expect, Scenario, Step } from './types.js';

export const BUILTIN_NAMES = ['run', 'tag', 'uuid'] as const;

type Path = readonly (string | number)[];

function savedNames(steps: readonly Step[]): string[] {
  const out: string[] = [];
  for (const step of steps) {
    if (step.kind === 'forEach') out.push(...savedNames(step.steps));
    if (step.kind === 'request' || step.kind === 'raw') {
      for (const e of step.expect) if (e.token?.save) out.push(e.token.save);
    }
  }
  return out;
}

function expectTemplates(e: Expect): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (field: string, t: string | undefined): void => {
    if (t !== undefined) out.push([field, t]);
  };
  (e.inbox ?? []).forEach((inbox, n) => {
    const at = (e.inbox?.length ?? 0) > 1 ? `inbox[${n}]` : 'inbox';
    add(`${at}.from`, inbox.from);
    inbox.texts?.forEach((t, i) => add(`${at}.texts[${i}]`, t));
    inbox.lacks?.forEach((t, i) => add(`${at}.lacks[${i}]`, t));
    add(`${at}.msgFrom`, inbox.msgFrom);
    add(`${at}.msgTo`, inbox.msgTo);
  });
  add('files.peer', e.files?.peer);
  e.files?.includes?.forEach((t, i) => add(`files.includes[${i}]`, t));
  e.files?.lacks?.forEach((t, i) => add(`files.lacks[${i}]`, t));
  add('download.filename', e.download?.filename);
  return out;
}

/** Problems in one scenario; `path` is where the scenario sits in its file. */
export function lintScenario(scenario: Scenario, path: Path): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (p: Path, message: string): void => {
    issues.push({ path: [...p], message });
  };
  const groups = new Set<string>();
  const users = new Set<string>();
  for (const [name, role] of Object.entries(scenario.roles)) {
    (role.kind === 'group' ? groups : users).add(name);
  }
  for (const [name, role] of Object.entries(scenario.roles)) {
    if (role.kind !== 'user') continue;
    for (const field of ['memberOf', 'notMemberOf'] as const) {
      const ref = role[field];
      if (ref !== undefined && !groups.has(ref)) {
        add([...path, 'roles', name, field], `"${ref}" is not a group role of this scenario`);
      }
    }
  }
  const saved = new Set(savedNames(scenario.steps));
  const payloads = new Set(Object.keys(scenario.payloads));

  const known = (name: string, loopUsers: ReadonlySet<string>): boolean => {
    if ((BUILTIN_NAMES as readonly string[]).includes(name)) return true;
    if (saved.has(name) || payloads.has(name)) return true;
    const [base, field] = name.split('.') as [string, string | undefined];
    if (payloads.has(base)) return field === 'text';
    if (users.has(base) || loopUsers.has(base)) {
      return field === undefined || field === 'password' || field === 'name';
    }
    if (groups.has(base)) return field === undefined || field === 'name';
    return false;
  };

  const checkTemplate = (p: Path, template: string, loopUsers: ReadonlySet<string>): void => {
    let names: string[];
    try {
      names = templateNames(template);
    } catch (error) {
      if (error instanceof TemplateError) {
        add(p, error.message);
        return;
      }
      throw error;
    }
    for (const name of names) {
      if (!known(name, loopUsers)) {
        add(
          p,
          `\${${name}} is not a role, role field, saved value, payload or built-in (${BUILTIN_NAMES.join(', ')})`,
        );
      }
    }
  };

  for (const [name, payload] of Object.entries(scenario.payloads)) {
    if (payload.kind === 'text')
      checkTemplate([...path, 'payloads', name, 'text'], payload.text, new Set());
  }

  const walk = (steps: readonly Step[], p: Path, loopUsers: ReadonlySet<string>): void => {
    steps.forEach((step, i) => {
      const sp = [...p, 'steps', i];
      switch (step.kind) {
        case 'forEach': {
          if (!groups.has(step.group))
            add([...sp, 'forEach', 'member'], `"${step.group}" is not a group role`);
          if (users.has(step.as) || groups.has(step.as) || payloads.has(step.as)) {
            add([...sp, 'forEach', 'as'], `"${step.as}" is already a role or payload name`);
          }
          if (step.except !== undefined && !users.has(step.except))
            add([...sp, 'forEach', 'except'], `"${step.except}" is not a user role`);
          walk(step.steps, sp, new Set([...loopUsers, step.as]));
          return;
        }
        case 'request':
          step.requests.forEach((r) => {
            for (const [param, t] of Object.entries(r.params)) {
              checkTemplate([...sp, 'request', param], t ?? '', loopUsers);
            }
          });
          break;
        case 'raw':
          checkTemplate([...sp, 'raw'], step.text, loopUsers);
          break;
        default:
          return;
      }
      step.expect.forEach((e, j) => {
        const ep = step.expect.length > 1 ? [...sp, 'expect', j] : [...sp, 'expect'];
        for (const [field, t] of expectTemplates(e)) checkTemplate([...ep, field], t, loopUsers);
        if (e.download && !payloads.has(e.download.payload)) {
          add(
            [...ep, 'download', 'payload'],
            `"${e.download.payload}" is not a payload of this scenario`,
          );
        }
        for (const other of e.token?.differsFrom ?? []) {
          if (!saved.has(other)) add([...ep, 'token', 'differsFrom'], `"${other}" is never saved`);
        }
      });
    });
  };
  walk(scenario.steps, path, new Set());
  return issues;
}
