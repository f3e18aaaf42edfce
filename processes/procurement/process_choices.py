"""Choice lists the procurement process's forms name (`x-choices`)."""

from processes.catalog.models import Product


def bought_product_choices() -> list[tuple[int, str]]:
    """(id, "SKU name") of the active products that are bought, not made here."""
    products = Product.objects.filter(is_active=True).exclude(kind=Product.Kind.MANUFACTURED)
    return [(pk, f"{sku} {name}") for pk, sku, name in products.values_list("id", "sku", "name")]


CHOICES = {"product_bought": bought_product_choices}
