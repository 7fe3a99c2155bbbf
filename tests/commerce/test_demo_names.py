"""The demo customers' names: one per customer, the same for the same seed, plainly made up."""

import numpy as np
import pytest

from commerce.demo_names import FIRST_NAMES, SURNAMES, customer_names


def test_twenty_thousand_customers_get_twenty_thousand_names() -> None:
    names = customer_names(np.random.default_rng(7), 20_000)
    assert len(set(names)) == 20_000


def test_the_same_seed_draws_the_same_names() -> None:
    first = customer_names(np.random.default_rng(3), 500)
    assert customer_names(np.random.default_rng(3), 500) == first
    assert customer_names(np.random.default_rng(4), 500) != first


def test_every_name_is_given_once_before_any_is_given_twice() -> None:
    space = len(FIRST_NAMES) * len(SURNAMES)
    assert len(set(customer_names(np.random.default_rng(7), space))) == space
    with pytest.raises(ValueError, match="distinct demo names"):
        customer_names(np.random.default_rng(7), space + 1)


def test_names_are_plain_words_and_no_two_surnames_read_alike() -> None:
    """Plain letters, so a name passes as typed ("find Ada Sampleton") and reads as a name; and
    no root and ending spell another's surname ("Mock" + "upton" and "Mockup" + "ton")."""
    assert all(name.isalpha() for name in FIRST_NAMES + SURNAMES)
    assert len(set(FIRST_NAMES)) == len(FIRST_NAMES)
    assert len(set(SURNAMES)) == len(SURNAMES)
