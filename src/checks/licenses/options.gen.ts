// Generated from src/checks/licenses/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Third-party licences are compatible.
 */
export interface LicensesOptions {
  allow?: string[]
  deny: string[]
  /**
   * auto (the default when neither sbom nor python-env is set), or the path of package-lock.json.
   */
  lockfile?: string
  /**
   * Path of a CycloneDX JSON (1.4-1.6) or SPDX JSON (2.2/2.3) SBOM; the format is detected from the content.
   */
  sbom?: string
  /**
   * Path of a Python site-packages folder: each *.dist-info/METADATA gives a licence.
   */
  'python-env'?: string
  unknown: 'fail' | 'warn'
  'include-dev': boolean
}
