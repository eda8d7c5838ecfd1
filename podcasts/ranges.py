"""HTTP Range requests (RFC 9110 section 14) for one byte range of a file."""

import re

_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(ValueError):
    """The range lies wholly outside the file: answer 416."""


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
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid, so ignored
    if start >= size:
        raise Unsatisfiable(header)
    end = int(last) if last else size - 1
    return start, min(end, size - 1)
