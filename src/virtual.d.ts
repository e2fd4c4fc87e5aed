/// <reference types="vite-plugin-pwa/client" />

declare module 'virtual:opsready/catalogue' {
  /**
   * The list part (`ListedCatalogue`) of the built-in catalogue, validated whole by
   * scripts/build/catalogue-plugin.ts when the app was built.
   */
  const catalogue: unknown;
  export default catalogue;
  /** `IncidentCounts` of the same catalogue, for the list of controls before the details load. */
  export const incidentCounts: unknown;
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
