"""The company's key figures of a day: sales, orders, production, stock, open tasks."""
