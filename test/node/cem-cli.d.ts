// The analyzer ships no types for its programmatic CLI entry; this is the part the drift test calls.
declare module '@custom-elements-manifest/analyzer/cli.js' {
  export function cli(opts: { argv: string[]; cwd: string; noWrite: boolean }): Promise<unknown>;
}
