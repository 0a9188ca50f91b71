// The trading-system pack (the seed checklist's own credentials): Interactive Brokers (IB Gateway / TWS),
// Telegram bots that send alerts, Alpha Vantage and other market-data APIs.
import { isPlaceholder } from '../filters.js'
import { assignmentRule, plausibleToken, tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { has, joined, last, PASSWORD_WORDS } from './words.js'

const ASSIGN_KEY_END = ['key', 'apikey', 'token', 'secret', 'accesskey', 'secretkey', 'authtoken']
const MARKET_DATA =
  /polygon|finnhub|iex|tiingo|twelvedata|quandl|nasdaq|fmp|financialmodelingprep|marketstack|eodhd|intrinio|alpaca|oanda|binance|coinbase|kraken|tradier|databento/

export const rules: Rule[] = [
  tokenRule({
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    keywords: [':AA'],
    caseSensitive: true,
    pattern: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
    back: 11,
    after: 40,
    left: /[0-9]/,
    right: /[A-Za-z0-9_-]/
  }),
  assignmentRule({
    id: 'ib-gateway-credentials',
    description: 'Interactive Brokers (IB Gateway / TWS) password or API secret',
    keywords: [
      'tws',
      'ib_pass',
      'ibpass',
      'ib-pass',
      'ib_password',
      'ibkr',
      'ib_gateway',
      'ibgateway',
      'ib-gateway',
      'fixpassword',
      'ibeam',
      'ibc_',
      'ibg_',
      'ib_api',
      'ib_secret'
    ],
    name: w => {
      const j = joined(w)
      const ib =
        ['tws', 'ib', 'ibkr', 'ibg', 'ibc', 'ibeam', 'fix'].includes(w[0] ?? '') ||
        j.includes('ibgateway') ||
        /^(?:tws|ibkr|ib)(?:password|pass|pwd)/.test(j)
      const l = /^\d+$/.test(last(w)) ? (w[w.length - 2] ?? '') : last(w)
      return (
        ib &&
        (PASSWORD_WORDS.includes(l) ||
          ['secret', 'token', 'apikey', 'twspassword', 'ibpassword', 'ibkrpassword'].includes(l) ||
          (l === 'key' && has(w, 'api')))
      )
    },
    value: v => v.length >= 4 && v.length <= 200 && !/\s/.test(v) && !isPlaceholder(v)
  }),
  assignmentRule({
    id: 'alpha-vantage-api-key',
    description: 'Alpha Vantage API key',
    keywords: ['alphavantage', 'alpha_vantage', 'alpha-vantage', 'alpha.vantage', 'av_api_key', 'av-api-key'],
    name: w => {
      const j = joined(w)
      return (
        (j.includes('alphavantage') || j.startsWith('avapikey')) &&
        (/key$|token$|secret$/.test(last(w)) || j.endsWith('key'))
      )
    },
    value: v =>
      /^[A-Za-z0-9]{12,40}$/.test(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && v.toLowerCase() !== 'demo'
  }),
  tokenRule({
    id: 'alpha-vantage-url-key',
    description: 'Alpha Vantage API key in a query URL',
    keywords: ['alphavantage.co/'],
    pattern: 'alphavantage\\.co/query\\?[^\\s"\'<>]{0,300}?apikey=([A-Za-z0-9]{12,40})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9]/,
    validate: v => /[0-9]/.test(v) && /[A-Za-z]/.test(v)
  }),
  assignmentRule({
    id: 'market-data-api-key',
    description:
      'Market-data API key (Polygon, Finnhub, IEX Cloud, Tiingo, Twelve Data, Nasdaq Data Link, FMP, Alpaca, OANDA...)',
    keywords: [
      'polygon',
      'finnhub',
      'iex',
      'tiingo',
      'twelvedata',
      'twelve_data',
      'quandl',
      'nasdaq',
      'fmp',
      'financialmodelingprep',
      'marketstack',
      'eodhd',
      'intrinio',
      'alpaca',
      'oanda',
      'binance',
      'coinbase',
      'kraken',
      'tradier',
      'databento'
    ],
    name: w => MARKET_DATA.test(joined(w)) && ASSIGN_KEY_END.includes(last(w)),
    value: (v, a) => plausibleToken(v, a, 16)
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'telegram-bot-token', text: `TELEGRAM_BOT_TOKEN=${g.digits(10)}:AA${g.b64url(33)}\n` },
    { rule: 'telegram-bot-token', text: `bot = telebot.TeleBot("${g.digits(9)}:AA${g.b64url(33)}")\n` },
    { rule: 'ib-gateway-credentials', file: '.env', text: `IB_GATEWAY_PASSWORD=${g.b62(4)}#${g.b62(6)}\n` },
    {
      rule: 'ib-gateway-credentials',
      file: 'docker-compose.yml',
      text: `    environment:\n      TWS_PASSWORD: "${g.password(12)}"\n`
    },
    {
      rule: 'ib-gateway-credentials',
      file: 'config.ini',
      text: `[IBController]\nIbPassword=${g.password(10)}\n`
    },
    { rule: 'alpha-vantage-api-key', text: `ALPHA_VANTAGE_API_KEY=${g.upper(16)}\n` },
    {
      rule: 'alpha-vantage-url-key',
      text: `fetch("https://www.alphavantage.co/query?function=TIME_SERIES_DAILY&symbol=IBM&apikey=${g.upper(16)}")\n`
    },
    { rule: 'market-data-api-key', text: `POLYGON_API_KEY = "${g.b62(32)}"\n` },
    { rule: 'market-data-api-key', text: `alpaca_secret: ${g.b62(40)}\n` }
  ],
  negative: () => [
    'ALPHA_VANTAGE_API_KEY=demo\n',
    'https://www.alphavantage.co/query?function=TIME_SERIES_DAILY&symbol=IBM&apikey=demo\n',
    'IB_GATEWAY_PASSWORD=${IB_PASSWORD}\n',
    'TWS_PASSWORD: changeme\n',
    'TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'
  ]
}
