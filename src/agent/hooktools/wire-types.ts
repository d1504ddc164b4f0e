/**
 * Types of the hook-tool wire format (wire.cts) and of the client API
 * (jujuc-client.cts). They live in an ESM module because a CommonJS module using
 * `export =` cannot also export types.
 */

/** What the client sends (Juju's jujuc Request, with stdin in base64). */
export interface WireRequest {
  readonly contextId: string;
  /** Absolute working directory of the caller. */
  readonly dir: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly stdinSet: boolean;
  /** Base64; present when stdinSet. */
  readonly stdin?: string;
  /** The caller's JUJU_* environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** `binary`: the native client (native/jujuc.c) wants replies in the binary layout. */
  readonly reply?: 'binary';
}

/** What the server answers: a result, a request for stdin, or a request error. */
export type WireResponse =
  | { readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly needStdin: true }
  | { readonly error: string };

/** Where the agent listens (the JUJU_AGENT_SOCKET_* variables). */
export interface AgentSocket {
  /** `unix` (path, or `@name` abstract) or `tcp` (`host:port`). */
  readonly network: string;
  readonly address: string;
}

/** A tool invocation. `readStdin` is called only if the tool needs stdin. */
export interface HookToolCall {
  readonly contextId: string;
  readonly dir: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly readStdin: () => Buffer;
}

/** The tool's output and exit code. */
export interface HookToolReply {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
