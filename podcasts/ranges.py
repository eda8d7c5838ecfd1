"""HTTP Range requests (RFC 9110 section 14) for one byte range of a file."""

import re

_RANGE = re.compile(r"^\s*bytes\s*=\s*([0-9]*)\s*-\s*([0-9]*)\s*$", re.IGNORECASE)


class Unsatisfiable(ValueError):
    """The range lies wholly outside the file: answer 416."""


def _significant(digits: str) -> str:
    return digits.lstrip("0") or "0"


def _at_most(digits: str, limit: int) -> int:
    """The number, or ``limit`` if it is larger.

    The header may carry thousands of digits, more than int() accepts (4300), so a
    number longer than the limit is not converted at all.
    """
    digits = _significant(digits)
    if len(digits) > len(str(limit)):
        return limit
    return min(int(digits), limit)


def _less(a: str, b: str) -> bool:
    """a < b for digit strings of any length, without converting them."""
    a, b = _significant(a), _significant(b)
    return (len(a), a) < (len(b), b)


def parse(header: str | None, size: int) -> tuple[int, int] | None:
    """(first byte, last byte) to send, or None to send the whole file.

    Malformed headers and several ranges at once are ignored (the whole file is sent,
    which the RFC allows); a range past the end raises ``Unsatisfiable``.
    """
    if not header:
        return None
    match = _RANGE.match(header)
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # a suffix: the last N bytes
        length = _at_most(last, size)
        if length == 0 or size == 0:
            raise Unsatisfiable(header)
        return size - length, size - 1
    if last and _less(last, first):
        return None  # invalid, so ignored
    start = _at_most(first, size)
    if start >= size:
        raise Unsatisfiable(header)
    end = _at_most(last, size - 1) if last else size - 1
    return start, end
