"""Russian formats where Django's own differ from CLDR's (Babel): a day and month is in the
genitive, "7 декабря" (CLDR's "d MMMM"), not Django's nominative "7 декабрь". The rest are
Django's (config/formats/__init__.py lists this folder before Django's own)."""

MONTH_DAY_FORMAT = "j E"
