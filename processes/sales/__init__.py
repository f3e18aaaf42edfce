"""Selling: quotations, sales orders, invoices and payments."""
