/** The version written into saved models' `generatedBy`. Kept in step with package.json by the release. */
export const VERSION = '0.1.0';
