// Jest's resolver: ts-jest-resolver (imports name the .js a .ts compiles to), plus the build's `unused-proxy` rule
// (scripts/build.mjs): the two imports of @actions/github/lib/internal/utils.js that the gate never uses
// (@actions/http-client's proxy stack and undici, ~0.8 s of module loading per test file that reaches the
// GitHub client) resolve to the same lazy stubs (scripts/unused-proxy/, the files the build reads), so that the tests load what the bundle loads.
// __tests__/github/unused-proxy.test.ts fails if @actions/github stops importing them from that file.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: jest 29 loads its resolver with require() */
'use strict'
const path = require('node:path')
const tsResolver = require('ts-jest-resolver')

const utilsDir = /[\\/]node_modules[\\/]@actions[\\/]github[\\/]lib[\\/]internal$/
const stubs = {
  '@actions/http-client': path.join(__dirname, '../../scripts/unused-proxy/http-client.mjs'),
  undici: path.join(__dirname, '../../scripts/unused-proxy/undici.mjs')
}

function resolver(request, options) {
  if ((request === '@actions/http-client' || request === 'undici') && utilsDir.test(options.basedir))
    return stubs[request]
  return tsResolver(request, options)
}
resolver.stubs = stubs
module.exports = resolver
