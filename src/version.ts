// The one place the version is read: package.json, bundled at build time.
import pkg from '../package.json' with { type: 'json' }

export const VERSION: string = pkg.version
