"""Pre-trade risk checks for Mech-Exo (demo)."""
import os


def api_key() -> str:
    # credentials come from the environment, filled from the vault at deploy time
    return os.environ["ALPHA_VANTAGE_API_KEY"]


def within_limits(order_usd: float, limit_usd: float) -> bool:
    return 0 < order_usd <= limit_usd


def breaker_tripped(drawdown_percent: float, threshold: float = 8.0) -> bool:
    return drawdown_percent >= threshold
