/**
 * shared/ compiles with neither DOM nor Node types, so nothing here can reach `document` or
 * `fs`. These few web-platform globals exist, identically, in Node ≥ 20 and every browser we
 * run in; they are declared here (narrowly) so shared code may use them.
 */
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

interface URL {
  href: string;
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  host: string;
  pathname: string;
}
declare var URL: { prototype: URL; new (url: string, base?: string): URL };

declare function queueMicrotask(callback: () => void): void;
