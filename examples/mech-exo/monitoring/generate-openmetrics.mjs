#!/usr/bin/env node
// A week of Mech-Exo's production metrics as OpenMetrics text with timestamps, ending now, for
// `promtool tsdb create-blocks-from openmetrics` (start-prometheus.sh). The last hour is the hour after
// the v0.5.0 deploy: order latency is fine, but one venue rejects 9% of its orders.
const STEP = 60
const end = Math.floor(Date.now() / 1000 / STEP) * STEP - STEP
const from = end - 7 * 86400
const deploy = end - 3600
const out = []
const emit = line => out.push(line)

// order execution latency, seconds: p95 about 310 ms
const LES = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf']
const SHARES = [0.35, 0.3, 0.27, 0.07, 0.01, 0, 0]
emit('# HELP order_execution_seconds Time from order submission to the broker acknowledgement.')
emit('# TYPE order_execution_seconds histogram')
for (let t = from, n = 0; t <= end; t += STEP) {
  n += 40 * STEP
  let cumulative = 0
  for (let i = 0; i < LES.length; i++) {
    cumulative += SHARES[i] * 40 * STEP
    const total = Math.round((cumulative * n) / (40 * STEP))
    emit(`order_execution_seconds_bucket{service="orders",le="${LES[i]}"} ${total} ${t}`)
  }
  emit(`order_execution_seconds_count{service="orders"} ${n} ${t}`)
  emit(`order_execution_seconds_sum{service="orders"} ${(n * 0.12).toFixed(3)} ${t}`)
}

// orders and rejections by venue: 2-3% rejected, except alpaca after the deploy (9%)
emit('# HELP mechexo_orders Orders sent, by venue.')
emit('# TYPE mechexo_orders counter')
for (const [venue, perMin] of [['ib', 30], ['alpaca', 10]]) {
  for (let t = from, n = 0; t <= end; t += STEP) emit(`mechexo_orders_total{venue="${venue}"} ${(n += perMin)} ${t}`)
}
emit('# HELP mechexo_orders_rejected Orders the venue rejected.')
emit('# TYPE mechexo_orders_rejected counter')
for (const [venue, perMin, after] of [['ib', 0.6, 0.6], ['alpaca', 0.3, 0.9]]) {
  for (let t = from, n = 0; t <= end; t += STEP) {
    n += t > deploy ? after : perMin
    emit(`mechexo_orders_rejected_total{venue="${venue}"} ${n.toFixed(1)} ${t}`)
  }
}

// blackbox probe of the health endpoint: down for 20 minutes in the week (99.8% uptime)
emit('# HELP probe_success Whether the probe of the health endpoint succeeded.')
emit('# TYPE probe_success gauge')
for (let t = from; t <= end; t += STEP) {
  const down = t >= from + 2 * 86400 && t < from + 2 * 86400 + 20 * 60
  emit(`probe_success{job="blackbox",instance="https://trading.example.com/health"} ${down ? 0 : 1} ${t}`)
}

// the trading process has not restarted since the deploy; risk exposure and P&L variance are in bounds
emit('# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.')
emit('# TYPE process_start_time_seconds gauge')
for (let t = from; t <= end; t += STEP)
  emit(`process_start_time_seconds{job="mech-exo",instance="trading-1:8000"} ${t < deploy ? from : deploy} ${t}`)
emit('# HELP mechexo_risk_exposure_ratio Exposure as a share of the risk limit.')
emit('# TYPE mechexo_risk_exposure_ratio gauge')
for (let t = from; t <= end; t += STEP) emit(`mechexo_risk_exposure_ratio ${(0.55 + 0.1 * Math.sin(t / 3600)).toFixed(4)} ${t}`)
emit('# HELP mechexo_pnl_variance_ratio Daily P&L variance against the model.')
emit('# TYPE mechexo_pnl_variance_ratio gauge')
for (let t = from; t <= end; t += STEP) emit(`mechexo_pnl_variance_ratio ${(0.02 * Math.cos(t / 7200)).toFixed(4)} ${t}`)

emit('# EOF')
process.stdout.write(out.join('\n') + '\n')
