"""The padded width of a store's customer ids survives a few ids of another shape."""

from commerce.ids import padded_width


def test_width_of_zero_padded_ids() -> None:
    assert padded_width(["00001", "00002", "12345"]) == 5


def test_one_new_id_of_another_shape_keeps_the_width() -> None:
    store = [f"{i:05d}" for i in range(1, 100)]
    assert padded_width([*store, "C-77"]) == 5
    assert padded_width([*store, "42", "123456"]) == 5


def test_no_width_when_nothing_was_padded_or_digits_are_few() -> None:
    assert padded_width(["12", "345", "6789"]) is None  # no leading zero: nothing padded
    assert padded_width(["11111", "22222"]) is None
    assert padded_width(["00001", "C-7"]) is None  # half and half: no main shape
    assert padded_width(["001", "0002"]) is None
    assert padded_width([]) is None
