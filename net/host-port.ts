/** `host:port` as users write it and as chatspec prints it: IPv6 in brackets (`[::1]:8889`). */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** `host:port`, with an IPv6 host in brackets. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address, or undefined when the text is not one. A bare port means 127.0.0.1. */
export function parseHostPort(text: string): HostPort | undefined {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:]+):(\d+)$/.exec(text);
  const bare = /^(\d+)$/.exec(text);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]!]
    : plain
      ? [plain[1]!, plain[2]!]
      : bare
        ? ['127.0.0.1', bare[1]!]
        : [undefined, undefined];
  const port = Number(portText);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host, port };
}
