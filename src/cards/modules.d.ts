// Modules the cards Worker imports through wrangler.cards.toml's rules (and the test pool's).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
declare module "*.woff" {
  const data: ArrayBuffer;
  export default data;
}
