// The data the kind's tests backfill: a week of a trading system's metrics, with known answers.
import { DAY, type Family, type Histogram } from '../../helpers/prometheus.js'

export const STEP = 120
/** per step: share of observations that fall into each bucket (le), cumulative below */
const LES = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf']
function histogram(shares: number[], perStep: number, meanSeconds: number) {
  return (steps: number): Histogram => {
    let cumulative = 0
    const buckets = LES.map((le, i) => {
      cumulative += shares[i] * perStep * steps
      return [le, Math.round(cumulative)] as [string, number]
    })
    return { buckets, sum: Math.round(meanSeconds * perStep * steps * 1000) / 1000 }
  }
}
// orders: 50% <= 50 ms, 20% <= 100 ms, 20% <= 250 ms, 10% <= 500 ms
//   p95 = 0.25 + 0.25 * (0.95 - 0.90) / 0.10 = 0.375 s
export const ORDERS_P95 = 0.375
const orders = histogram([0.5, 0.2, 0.2, 0.1, 0, 0, 0], 1000, 0.11)
// risk: 30% <= 50 ms, 30% <= 100 ms, 20% <= 250 ms, 10% <= 500 ms, 10% <= 1 s
//   p95 = 0.5 + 0.5 * (0.95 - 0.90) / 0.10 = 0.75 s
export const RISK_P95 = 0.75
const risk = histogram([0.3, 0.3, 0.2, 0.1, 0.1, 0, 0], 1000, 0.2)

/** probe_success is 0 for 20 samples of the week (40 minutes down): uptime 1 - 20/5041 */
export function downAt(t: number, from: number): boolean {
  const i = Math.round((t - from) / STEP)
  return i % 250 === 7 && i < 250 * 20
}

export function families(from: number): Family[] {
  const steps = (t: number) => Math.round((t - from) / STEP) + 1
  return [
    {
      name: 'order_execution_seconds',
      type: 'histogram',
      help: 'Time from order submission to the broker acknowledgement.',
      series: [
        { labels: { service: 'orders' }, at: t => orders(steps(t)) },
        { labels: { service: 'risk' }, at: t => risk(steps(t)) }
      ]
    },
    {
      name: 'mechexo_orders',
      type: 'counter',
      help: 'Orders sent, by venue.',
      series: [
        { labels: { venue: 'ib' }, at: t => 100 * steps(t) },
        { labels: { venue: 'alpaca' }, at: t => 50 * steps(t) },
        { labels: { venue: 'paused' }, at: () => 12 }
      ]
    },
    {
      name: 'mechexo_orders_rejected',
      type: 'counter',
      help: 'Orders the venue rejected.',
      series: [
        { labels: { venue: 'ib' }, at: t => 3 * steps(t) },
        { labels: { venue: 'alpaca' }, at: t => 4 * steps(t) },
        { labels: { venue: 'paused' }, at: () => 1 }
      ]
    },
    {
      name: 'probe_success',
      type: 'gauge',
      help: 'Blackbox probe of the trading health endpoint.',
      series: [
        {
          labels: { job: 'blackbox', instance: 'https://trading.example.com/health' },
          at: t => (downAt(t, from) ? 0 : 1)
        }
      ]
    },
    {
      name: 'process_start_time_seconds',
      type: 'gauge',
      help: 'Start time of the process.',
      series: [{ labels: { job: 'mech-exo', instance: 'trading-1:8000' }, at: () => from - DAY }]
    }
  ]
}

export const RULES = `groups:
  - name: trading
    interval: 1s
    rules:
      - alert: OrderLatencyHigh
        expr: histogram_quantile(0.95, sum by (le) (rate(order_execution_seconds_bucket{service="orders"}[1h]))) > 0.5
        labels: { severity: critical }
      - alert: OrderRejectionRateHigh
        expr: sum by (venue) (rate(mechexo_orders_rejected_total[1h])) / sum by (venue) (rate(mechexo_orders_total[1h])) > 0.05
        labels: { severity: warning }
      - alert: Watchdog
        expr: vector(1)
      - alert: RejectionsPerOrder
        expr: mechexo_orders_rejected_total / on() mechexo_orders_total > 0
`
