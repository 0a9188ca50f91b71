// Every rule family with its samples, for the tests and the bench (the scanner imports rules.ts only).
import * as aws from './aws.js'
import * as azure from './azure.js'
import * as discord from './discord.js'
import * as generic from './generic.js'
import * as github from './github.js'
import * as gitlab from './gitlab.js'
import * as google from './google.js'
import * as infra from './infra.js'
import * as messaging from './messaging.js'
import * as paymentsAi from './payments-ai.js'
import * as privateKeys from './private-keys.js'
import * as registries from './registries.js'
import * as slack from './slack.js'
import * as structured from './structured.js'
import * as trading from './trading.js'
import type { Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export interface Family {
  name: string
  rules: Rule[]
  samples: Samples
}

/** Most specific first: where two rules find the same text, the earlier one names it. */
export const FAMILIES: Family[] = [
  { name: 'google', ...google },
  { name: 'private-keys', ...privateKeys },
  { name: 'aws', ...aws },
  { name: 'azure', ...azure },
  { name: 'github', ...github },
  { name: 'gitlab', ...gitlab },
  { name: 'registries', ...registries },
  { name: 'slack', ...slack },
  { name: 'discord', ...discord },
  { name: 'messaging', ...messaging },
  { name: 'payments-ai', ...paymentsAi },
  { name: 'infra', ...infra },
  { name: 'trading', ...trading },
  { name: 'structured', ...structured },
  { name: 'generic', ...generic }
]
