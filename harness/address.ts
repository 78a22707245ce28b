/** `host:port` as users write it: IPv6 in brackets (`[::1]:8889`), a bare port meaning 127.0.0.1. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** The address, or undefined when the text is not one. */
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
