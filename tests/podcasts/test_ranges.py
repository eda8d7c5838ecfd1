import pytest

from podcasts import ranges


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("bytes=0-1", (0, 1)),
        ("bytes=0-", (0, 999)),
        ("bytes=500-", (500, 999)),
        ("bytes=-500", (500, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("BYTES = 10 - 19", (10, 19)),
        ("bytes=5-1", None),  # invalid: ignored
        ("bytes=0-1,5-9", None),  # several ranges: the whole file
        ("items=0-1", None),
        ("bytes=-", None),
        ("bytes=abc", None),
    ],
)
def test_parse(header, expected):
    assert ranges.parse(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_unsatisfiable(header):
    with pytest.raises(ranges.Unsatisfiable):
        ranges.parse(header, 1000)


def test_empty_file_suffix_is_unsatisfiable():
    with pytest.raises(ranges.Unsatisfiable):
        ranges.parse("bytes=-10", 0)


HUGE = "9" * 5000  # past int()'s 4300-digit limit


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (f"bytes=0-{HUGE}", (0, 999)),  # an end past the file: up to the last byte
        (f"bytes=-{HUGE}", (0, 999)),  # a suffix longer than the file: all of it
        (f"bytes=0-{'0' * 5000}5", (0, 5)),  # leading zeros say nothing
        (f"bytes={HUGE}-5", None),  # end before start: invalid, so ignored
        (f"bytes={'0' * 5000}-", (0, 999)),
    ],
)
def test_numbers_of_thousands_of_digits(header, expected):
    assert ranges.parse(header, 1000) == expected


@pytest.mark.parametrize("header", [f"bytes={HUGE}-", f"bytes={HUGE}-{HUGE}9"])
def test_a_start_of_thousands_of_digits_is_unsatisfiable(header):
    with pytest.raises(ranges.Unsatisfiable):
        ranges.parse(header, 1000)
