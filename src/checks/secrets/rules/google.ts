// Google Cloud and Firebase.
import { entropy } from '../entropy.js'
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { pemBody } from './private-keys.js'

// A Firebase web config is public by design: its API key identifies the project, access is by rules.
const FIREBASE_CONTEXT =
  /firebaseapp\.com|firebaseConfig|initializeApp|authDomain|messagingSenderId|storageBucket/

export const rules: Rule[] = [
  tokenRule({
    id: 'gcp-service-account',
    description: 'Google Cloud service-account key (JSON with a private key)',
    keywords: ['"private_key"'],
    pattern: `"private_key"\\s*:\\s*"(-----BEGIN[A-Z ]{0,20} PRIVATE KEY-----[A-Za-z0-9+/=\\\\]{64,8000}?-----END[A-Z ]{0,20} PRIVATE KEY-----(?:\\\\n)?)"`,
    after: 9000,
    structured: true,
    left: /[^\s{,[]/,
    right: /[^\s,}\]]/,
    validate: s => pemBody(s.replace(/-----[A-Z ]+-----/g, '')) !== undefined,
    normalize: s => pemBody(s.replace(/-----[A-Z ]+-----/g, '')) ?? s
  }),
  tokenRule({
    id: 'gcp-api-key',
    description: 'Google Cloud API key',
    keywords: ['AIza'],
    caseSensitive: true,
    pattern: 'AIza[0-9A-Za-z_-]{35}',
    validate: s => entropy(s) >= 3.5,
    context: (text, start, end) =>
      !FIREBASE_CONTEXT.test(text.slice(Math.max(0, start - 600), Math.min(text.length, end + 600)))
  }),
  tokenRule({
    id: 'google-oauth-client-secret',
    description: 'Google OAuth client secret',
    keywords: ['GOCSPX-'],
    caseSensitive: true,
    pattern: 'GOCSPX-[A-Za-z0-9_-]{28}'
  })
]

export const samples: Samples = {
  positive: g => [
    {
      rule: 'gcp-service-account',
      file: 'sa.json',
      text: `{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${g.pem().join('\\n')}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "a@b.iam.gserviceaccount.com"\n}\n`
    },
    { rule: 'gcp-api-key', text: `const MAPS_KEY = "AIza${g.b64url(35)}"\n` },
    {
      rule: 'gcp-api-key',
      text: `curl "https://maps.googleapis.com/maps/api/geocode/json?key=AIza${g.b62(35)}"\n`
    },
    { rule: 'google-oauth-client-secret', text: `client_secret: GOCSPX-${g.b64url(28)}\n` }
  ],
  negative: g => [
    // a public Firebase web config
    `const firebaseConfig = {\n  apiKey: "AIza${g.b62(35)}",\n  authDomain: "demo-app.firebaseapp.com",\n  projectId: "demo-app"\n};\n`,
    'const key = "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"\n'
  ]
}
