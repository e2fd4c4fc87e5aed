/// <reference types="vite-plugin-pwa/client" />

declare module 'virtual:opsready/catalogue' {
  /**
   * The list part (`ListedCatalogue`) of the built-in catalogue, validated whole by
   * scripts/build/catalogue-plugin.ts when the app was built.
   */
  const catalogue: unknown;
  export default catalogue;
}

declare module 'virtual:opsready/catalogue-details' {
  /** The details part (`CatalogueDetails`) of the same catalogue. */
  const details: unknown;
  export default details;
}

declare module 'virtual:opsready/frameworks' {
  /** `Frameworks` (SEAL and CCSS crosswalks), validated against the catalogue at build time. */
  const frameworks: unknown;
  export default frameworks;
}
