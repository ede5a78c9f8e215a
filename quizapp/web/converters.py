"""URL converters: ids larger than the database's integer type are a 404, not a crash."""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER; SQLite accepts more, the API documents this bound


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` limited to positive values that fit a database integer column."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's signature
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
