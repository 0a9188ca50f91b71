import { describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { check } from '../../src/checks/secrets/index.js'
import type { Item } from '../../src/checklist/types.js'
import type { GateResult } from '../../src/gate/types.js'
import { toSarif } from '../../src/report/sarif.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'
import { checksummed, rnd } from '../../__fixtures__/secrets/corpus.js'

// The parts of the SARIF 2.1.0 schema (OASIS) that code scanning relies on, written from the spec.
const sarifSubset = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: { type: 'object', required: ['text'] },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        properties: {
                          artifactLocation: { type: 'object', properties: { uri: { type: 'string' } } },
                          region: {
                            type: 'object',
                            properties: { startLine: { type: 'integer', minimum: 1 } }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

describe('toSarif', () => {
  test('a SARIF 2.1.0 log of the secret findings, with fingerprints and no secret', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sarif-'))
    const secrets = [checksummed('ghp_'), `xoxb-${rnd.digits(11)}-${rnd.digits(12)}-${rnd.b62(24)}`]
    writeFileSync(path.join(dir, 'deploy.env'), `# deploy\nGH=${secrets[0]}\nSLACK=${secrets[1]}\n`)
    const with_ = {}
    const item: Item = {
      id: 'no-creds',
      title: 'No creds',
      section: 'S',
      check: 'secrets',
      with: with_,
      severity: 'blocking',
      timeout: 60
    }
    const outcome = await check(with_, item, {
      workspace: new Workspace(dir),
      ...ports(dir),
      checklist: { path: 'c.yml', name: 'n', roles: {}, sections: [], items: [] },
      event: { name: 'local' },
      now: () => new Date(),
      signal: new AbortController().signal
    })
    rmSync(dir, { recursive: true, force: true })
    const result: GateResult = {
      checklist: { name: 'n', path: 'c.yml' },
      verdict: 'fail',
      counts: { pass: 0, fail: 1, pending: 0, error: 0, skipped: 0, waived: 0 },
      blockingFailures: 1,
      items: [
        {
          ...item,
          status: outcome.status,
          summary: outcome.summary,
          details: outcome.details ?? {},
          annotations: [],
          durationMs: 1,
          item
        }
      ]
    }
    const log = toSarif(result, { toolVersion: '0.1.0' }) as {
      runs: {
        results: {
          ruleId: string
          partialFingerprints: Record<string, string>
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
          }[]
        }[]
      }[]
    }
    const ajv = new Ajv({ strict: false, validateFormats: false })
    expect(ajv.validate(sarifSubset, log)).toBe(true)
    const results = log.runs[0].results
    expect(
      results.map(r => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine
      ])
    ).toEqual([
      ['github-pat', 'deploy.env', 2],
      ['slack-bot-token', 'deploy.env', 3]
    ])
    expect(results.every(r => /^[0-9a-f]{32}$/.test(r.partialFingerprints['goLiveGate/secret/v2']))).toBe(
      true
    )
    const json = JSON.stringify(log)
    for (const s of secrets) expect(json.includes(s.slice(4))).toBe(false)
  })

  test('no secrets items: a valid log with no results', () => {
    const log = toSarif(
      {
        checklist: { name: 'n', path: 'c.yml' },
        verdict: 'pass',
        counts: { pass: 0, fail: 0, pending: 0, error: 0, skipped: 0, waived: 0 },
        blockingFailures: 0,
        items: []
      },
      { toolVersion: '1.0.0' }
    ) as { runs: { results: unknown[] }[] }
    expect(log.runs[0].results).toEqual([])
  })
})
