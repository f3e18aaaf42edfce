"""Warehouses, the stock ledger, on hand / reserved / available, reservations, reorder."""
