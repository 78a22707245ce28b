/** Seed page C.1 (login) and C.2 (the server's error for a wrong user or password). */
import { useState } from 'preact/hooks';

interface Props {
  target: string;
  error: string | undefined;
  busy: boolean;
  onLogin(username: string, password: string): void;
}

export function Login({ target, error, busy, onLogin }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <main class="login" data-testid="login-page">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          onLogin(username.trim(), password);
        }}
      >
        <h1>Login</h1>
        <p class="muted">
          Server <code>{target}</code>
        </p>
        <label>
          Username
          <input
            name="username"
            autocomplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
            autofocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error !== undefined && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || username.trim() === '' || password === ''}>
          {busy ? 'Logging in…' : 'Login'}
        </button>
      </form>
    </main>
  );
}
