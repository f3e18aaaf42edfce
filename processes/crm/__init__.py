"""Customers and suppliers, their contacts, the sales funnel and the interaction history."""
