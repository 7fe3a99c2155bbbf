"""A category column's names, as error messages list them: a product the catalogue gives no
category is ingested with a blank one, which is no category ("known: , Gifts" read wrong)."""

import pandas as pd

from assistant.tools.product_sales import category_names


def test_blank_and_missing_categories_are_no_category() -> None:
    column = pd.Series(["Tea", "", None, "Gifts", "  ", "Tea"])
    assert category_names(column) == ["Gifts", "Tea"]
