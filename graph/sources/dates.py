"""Dates as news sources write them: '11 March 2021', 'March 11, 2021', ISO 8601, RFC 822."""
from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

EXAMPLES = "'11 March 2021', 'March 11, 2021', '2021-03-11' or 'Thu, 11 Mar 2021 10:00:00 GMT'"

_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]+)\.?,?[\s\-/]+(\d{4})(?:[\s,T].*)?$")
_MDY = re.compile(r"^([A-Za-z]+)\.?[\s\-/]+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T].*)?$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[Tt ].*|Z)?$")


def parse_date(text: str) -> dt.date | None:
    """The calendar date `text` names, or None when it is not a date this module knows.

    A timestamp keeps the date as written in its own zone: '2021-03-11T23:30:00-05:00' is 11 March.
    """
    value = " ".join(text.split())
    if not value or len(value) > 80:
        return None
    try:
        if m := _ISO.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        plain = _WEEKDAY.sub("", value, count=1)
        if m := _DMY.match(plain):
            month = _MONTHS.get(m[2].lower())
            return dt.date(int(m[3]), month, int(m[1])) if month else None
        if m := _MDY.match(plain):
            month = _MONTHS.get(m[1].lower())
            return dt.date(int(m[3]), month, int(m[2])) if month else None
    except ValueError:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date() if parsed else None
