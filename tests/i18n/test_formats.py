"""Dates in each language agree with CLDR (Babel), the data Django's own formats come from."""

from datetime import date

import pytest
from babel.dates import format_skeleton
from django.utils import formats, translation

DAY = date(2026, 12, 7)


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_a_day_and_month_reads_as_cldr_writes_it(language):
    with translation.override(language):
        ours = formats.date_format(DAY, "MONTH_DAY_FORMAT")
    cldr = format_skeleton("MMMMd" if language != "en" else "MMMd", DAY, locale=language)
    assert ours == cldr


def test_russian_months_are_in_the_genitive():
    with translation.override("ru"):
        assert formats.date_format(DAY, "MONTH_DAY_FORMAT") == "7 декабря"
        assert formats.date_format(DAY, "DATE_FORMAT") == "7 декабря 2026 г."
