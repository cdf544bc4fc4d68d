declare module "*?raw" {
  const text: string;
  export default text;
}
declare module "*?inline" {
  /** A data: URL of the file (Vite). */
  const dataUrl: string;
  export default dataUrl;
}
