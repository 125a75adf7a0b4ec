/** Files imported as text (`?raw`): Vite/Vitest natively, esbuild through the build script's plugin. */
declare module '*?raw' {
  const text: string;
  export default text;
}
