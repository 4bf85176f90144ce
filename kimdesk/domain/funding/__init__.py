"""Funding programmes: catalogue of dated flat rates, what a module costs and brings in, NKF proposal."""
