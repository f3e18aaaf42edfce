"""Buying: purchase requests and orders, approval, goods receipts, supplier bills."""
