import pkg from '../package.json' with { type: 'json' }

/** The version of this package: one place, package.json. */
export const VERSION: string = pkg.version
