"""Mech-Exo trading service (demo for the go-live gate example)."""
