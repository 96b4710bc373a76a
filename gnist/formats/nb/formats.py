"""Bokmål date and number formats (FORMAT_MODULE_PATH); Django's own cover the rest.

Templates name a format (``|date:"WEEKDAY_DATETIME_FORMAT"``) rather than
spell one out, so each language writes dates its own way: "fredag 30. oktober
2020 12:00" and "1. okt. 2020" here, "Friday 30 October 2020 12:00" and
"1 Oct 2020" in English.
"""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
DATETIME_SECONDS_FORMAT = "j. F Y H:i:s"
WEEKDAY_DATETIME_FORMAT = "l j. F Y H:i"
WEEKDAY_DEADLINE_FORMAT = r"l j. F Y \k\l. H:i"
ABBR_DATE_FORMAT = "j. N Y"
ABBR_DATETIME_FORMAT = "j. N Y H:i"
ABBR_DATETIME_SECONDS_FORMAT = "j. N Y H:i:s"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
