from forms.choices import registered_choices


def test_inventory_registers_the_warehouse_choices():
    assert "warehouse" in registered_choices()
