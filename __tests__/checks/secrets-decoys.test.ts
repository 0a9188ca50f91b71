import { describe, expect, it } from '@jest/globals'
import type { Item } from '../../src/checklist/types.js'
import { check, type SecretsOptions } from '../../src/checks/secrets/index.js'
import { context, tempTree } from '../helpers/context.js'

// Lines found in widely used packages (aws-sdk, monaco-editor, firebase, grpc, date-fns, eslint) that a
// scanner judging names and entropy takes for credentials. None of them is one.
const DECOYS: Record<string, string> = {
  'api/paginators.json': [
    '{ "result_key": "ClientVpnEndpoints" },',
    '{ "result_key": "TransitGatewayVpcAttachments" },',
    '{ "result_key": "VpcEndpoints" },'
  ].join('\n'),
  'api/examples.json': [
    '{ "nextToken": "YW5vdGhlclRva2VuIQ==" },',
    '{ "NextContinuationToken": "1w41l63U0xa8q7smH50vCxyTQqdxo6gSnB7GxXx" },',
    '{ "S3Key": "my-app/5026-stage-150723_224258" }'
  ].join('\n'),
  'src/credentials.ts': [
    'export class Creds {',
    '  googleCredentials: OAuth2Client',
    '  const tokenValue = options?.addSuffix',
    '  Token: languages_1.Token,',
    "export const TARGET_KEY = '__$__targetStorageMarker'",
    "const DEFAULT_VAPID_KEY = 'BDOU99-h67HcA6JeFXHbSNMu7e2yNNu3RzoMj8TM4W88jITfq7llj4Y4BjXOZXuQpCQcRtlXlAZ2Y7AQuc8RsTs6xZw'",
    '  password = userPwd',
    '  apiKey = apiKeyStr',
    '  const secret = hashedPassword',
    "  passwordField = 'confirmPasswordField'",
    '  password: "passwordInput",',
    '  SIGN_IN_WITH_PASSWORD = "signInWithPassword",',
    '}'
  ].join('\n'),
  'lang/ruby.js': [
    "  [/'/, { token: \"string.$S2.delim\", next: '@pop' }],",
    '  { token: "constant.reserved.$0" },',
    '  { token: "@brackets.directive" },'
  ].join('\n'),
  'types/rules.d.ts': '  "no-useless-computed-key": Linter.RuleEntry<[]>;'
}

describe('secrets: code and data that only look like credentials', () => {
  it('reports none of them', async () => {
    const options = {
      paths: ['.'],
      exclude: [],
      history: 'none',
      'max-file-size': '1MB',
      rules: { disable: [], custom: [] }
    }
    const outcome = await check(
      options as SecretsOptions,
      { id: 's', title: 'S' } as Item,
      context(tempTree(DECOYS))
    )
    expect(outcome.details?.findings).toEqual([])
    expect(outcome.status).toBe('pass')
  })
})
