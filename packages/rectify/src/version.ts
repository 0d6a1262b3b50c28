/**
 * The version written into saved models' `generatedBy`. Kept in step with package.json by the release.
 * @example console.log(`rectify ${VERSION}`);
 */
export const VERSION = '0.1.0';
