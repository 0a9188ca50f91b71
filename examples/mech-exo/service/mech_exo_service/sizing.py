"""Position sizing and signal blending for Mech-Exo (demo)."""


def position_size(capital_usd: float, max_fraction: float, price: float) -> int:
    """Whole shares to buy without risking more than max_fraction of capital."""
    if capital_usd <= 0 or price <= 0:
        return 0
    if not 0 < max_fraction <= 0.02:
        raise ValueError("max_fraction must be in (0, 0.02]")
    return int(capital_usd * max_fraction // price)


def blend(rule_signal: float, ml_signal: float, ml_weight: float = 0.15) -> float:
    """The trading signal: the rule-based one with a conservative share of the ML model's."""
    if not 0 <= ml_weight <= 1:
        raise ValueError("ml_weight must be in [0, 1]")
    return (1 - ml_weight) * rule_signal + ml_weight * ml_signal


def should_alert(fill_latency_s: float, threshold_s: float = 2.0) -> bool:
    """A Telegram alert is due when a fill took longer than the threshold."""
    return fill_latency_s > threshold_s


def rejection_rate(rejected: int, total: int) -> float:
    if total == 0:
        return 0.0
    return 100.0 * rejected / total
