"""Shipping: pick, pack, ship and deliver the reserved goods of sales orders."""
