"""Warehouses, the stock ledger, on-hand / reserved / available stock, reservations, reorder rules."""
