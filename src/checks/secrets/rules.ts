// The built-in rules, one file per provider family under rules/, each with its own samples. Most specific
// first: where two rules find the same text, the earlier one names it (same order as rules/families.ts).
import { rules as aws } from './rules/aws.js'
import { rules as azure } from './rules/azure.js'
import { rules as discord } from './rules/discord.js'
import { rules as generic } from './rules/generic.js'
import { rules as github } from './rules/github.js'
import { rules as gitlab } from './rules/gitlab.js'
import { rules as google } from './rules/google.js'
import { rules as infra } from './rules/infra.js'
import { rules as messaging } from './rules/messaging.js'
import { rules as paymentsAi } from './rules/payments-ai.js'
import { rules as privateKeys } from './rules/private-keys.js'
import { rules as registries } from './rules/registries.js'
import { rules as slack } from './rules/slack.js'
import { rules as structured } from './rules/structured.js'
import { rules as trading } from './rules/trading.js'
import type { Rule } from './rule-kit.js'

export type { Candidate, Confidence, Rule, ScanEnv } from './rule-kit.js'

export const RULES: Rule[] = [
  ...google,
  ...privateKeys,
  ...aws,
  ...azure,
  ...github,
  ...gitlab,
  ...registries,
  ...slack,
  ...discord,
  ...messaging,
  ...paymentsAi,
  ...infra,
  ...trading,
  ...structured,
  ...generic
]

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map(r => r.id))
