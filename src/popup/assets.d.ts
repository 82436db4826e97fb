// Vite's `?url` imports: the built file's URL (the stylesheet main.tsx links once its first message is sent).
declare module '*.css?url' {
  const url: string;
  export default url;
}
