"""How a count of things is worded for people, in one place for every layer that writes
sentences: the assistant's answers and the recommendations' reasons (which may not import the
assistant) read "1 order", "1,234 orders" alike."""


def count(n: int, noun: str, plural: str | None = None) -> str:
    """1 customer, 1,234 customers; `plural` for a noun not made with -s ("categories")."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
