"""Products (stocked, manufactured, purchased), price lists, customer prices and discounts."""
