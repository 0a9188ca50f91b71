// jest's runtime (jest-runtime 29) with two changes, neither to what a test runs:
//
// - V8's code cache for the CommonJS modules it compiles. jest runs each test file in a new context and compiles
//   every CommonJS module it loads there again (its own expect, jest-circus, jest-snapshot, pretty-format; yaml,
//   ajv and the other dependencies of src/): ~50 ms of a worker's CPU per test file, for the same sources each
//   time. This keeps, per worker process, V8's code cache of each module it has compiled and hands it to the next
//   compile of the same source, so a module is parsed once per worker. The same source text is compiled in the
//   same context with the same dynamic import as jest's own `createScriptFromCode`; V8 refuses a cache that does
//   not fit the source (then it compiles as jest does).
// - Dynamic imports are linked and evaluated one at a time. Two `import()`s in flight at once whose modules share
//   a dependency can fail in jest's ESM support with "request for '../errors.js' is not in cache" (the gate
//   loads its kinds' checks that way, concurrently, when the action's code runs in a test: harness.ts
//   runActionHere). An import made while another is being evaluated (a nested one) does not wait.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: jest 29 loads its runtime with require() */
'use strict'
const { AsyncLocalStorage } = require('node:async_hooks')
const vm = require('node:vm')
const Runtime = require('jest-runtime').default
const { handlePotentialSyntaxError } = require('@jest/transform')

/** wrapped source -> the code cache made after its first run in this worker (so lazily compiled functions are in it) */
const caches = new Map()
/** wrapped source -> the script compiled first, whose cache is taken when the source is compiled again */
const firsts = new Map()

/** set while a queued link-and-evaluate runs: an import inside it goes straight through */
const inQueue = new AsyncLocalStorage()

class CodeCachingRuntime extends Runtime {
  linkAndEvaluateModule(module) {
    if (inQueue.getStore()) return super.linkAndEvaluateModule(module)
    const job = (this.importQueue ?? Promise.resolve()).then(() =>
      inQueue.run(true, () => super.linkAndEvaluateModule(module))
    )
    this.importQueue = job.catch(() => undefined)
    return job
  }

  createScriptFromCode(scriptSource, filename) {
    const source = this.wrapCodeInModuleWrapper(scriptSource)
    let cachedData = caches.get(source)
    if (!cachedData && firsts.has(source)) {
      cachedData = firsts.get(source).createCachedData()
      firsts.delete(source)
      caches.set(source, cachedData)
    }
    const scriptFilename = this._resolver.isCoreModule(filename) ? `jest-nodejs-core-${filename}` : filename
    let script
    try {
      script = new vm.Script(source, {
        columnOffset: this._fileTransforms.get(filename)?.wrapperLength,
        displayErrors: true,
        filename: scriptFilename,
        cachedData,
        importModuleDynamically: async specifier => {
          const context = this._environment.getVmContext?.()
          if (!context) throw new Error('Test environment has been torn down')
          const module = await this.resolveModule(specifier, scriptFilename, context)
          return this.linkAndEvaluateModule(module)
        }
      })
    } catch (e) {
      // a syntax error reads as jest's own would
      throw handlePotentialSyntaxError(e)
    }
    if (!cachedData) firsts.set(source, script)
    else if (script.cachedDataRejected) caches.delete(source)
    return script
  }
}

module.exports = CodeCachingRuntime
