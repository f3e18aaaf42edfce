"""`{% load money %}{{ invoice.total|money:invoice.currency }}` -> "1 234,56 €" in French."""

from django import template

from processes.common.money import format_money

register = template.Library()


@register.filter
def money(amount, currency="EUR") -> str:
    return format_money(amount, currency or "EUR")
