"""Path converters shared by the apps' URL patterns."""

from django.urls import register_converter

# The largest value of a signed 64-bit database integer (PostgreSQL's bigint, SQLite's INTEGER).
MAX_ID = 2**63 - 1


class DatabaseIdConverter:
    """Like ``<int:...>``, but only ids a database integer can hold.

    A larger number in the address would reach the database and overflow there (a 500);
    raising ValueError here makes the pattern not match, so the answer is a 404.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
