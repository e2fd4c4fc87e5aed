declare module 'virtual:opsready/catalogue' {
  /** A `Catalogue`, already validated by scripts/build/catalogue-plugin.ts when the app was built. */
  const catalogue: unknown;
  export default catalogue;
}
