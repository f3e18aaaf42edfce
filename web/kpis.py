"""The business key figures on the dashboard ("sales today", "stock of X", ...).

The engine and the web pages know nothing about the business, so the business apps plug
their figures in at start-up (e.g. in their AppConfig.ready):

    from web.kpis import register_figures

    @register_figures
    def sales_figures(day):
        return {"sales_today": Decimal("1200.00"), "orders_today": 3}

A provider takes the day (a `datetime.date`) and returns a dict: figure name -> a number
or text (shown as a tile), a list of dicts (shown as a table, e.g. stock per product), or
a dict (shown as name/value rows). Later providers win on equal names.
"""

import logging
from collections.abc import Callable
from datetime import date

logger = logging.getLogger(__name__)

FiguresProvider = Callable[[date], dict]

_providers: list[FiguresProvider] = []


def register_figures(provider: FiguresProvider) -> FiguresProvider:
    """Add a provider of business figures; registering the same one twice keeps one."""
    if not callable(provider):
        raise TypeError("A figures provider must be callable with the day")
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_figures(provider: FiguresProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def registered_providers() -> list[FiguresProvider]:
    return list(_providers)


def business_figures(day: date) -> dict:
    """The day's figures from every provider; `{}` while none is registered.

    A provider that fails is logged and left out, so one broken figure never takes the
    dashboard down.
    """
    figures: dict = {}
    for provider in list(_providers):
        try:
            result = provider(day)
        except Exception:
            logger.exception("Business figures provider %r failed", provider)
            continue
        if isinstance(result, dict):
            figures.update(result)
        else:
            logger.warning("Business figures provider %r returned %r", provider, type(result))
    return figures
