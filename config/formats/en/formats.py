"""English date formats of the pages (Django's own for French and Russian are kept)."""

DATE_FORMAT = "l, F j, Y"
DATETIME_FORMAT = "M j, Y H:i"
SHORT_DATETIME_FORMAT = "M j, H:i"
MONTH_DAY_FORMAT = "M j"
