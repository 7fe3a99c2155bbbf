"""A mapping's date format must hold % codes: one without any is refused when the mapping is
read, not at the first date ingest parses with it."""

from pathlib import Path

import pytest

from commerce.errors import InvalidInput
from commerce.mapping import load_mapping_file


@pytest.mark.parametrize("layout", ["abc", "dd/mm/yyyy", "100%%"])
def test_a_format_without_codes_is_refused_naming_the_file_and_field(
    tmp_path: Path, layout: str
) -> None:
    path = tmp_path / "map.toml"
    path.write_text(f"[orders]\nts = {{ column = 'Day', format = '{layout}' }}\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_mapping_file(path)
    assert str(caught.value).startswith(
        f"{path}: orders.ts: format {layout!r} has no % codes; a date format writes each part"
    )


def test_a_literal_percent_beside_a_code_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text("[reviews]\nts = { column = 'Day', format = '%Y%m%d%%' }\n", encoding="utf-8")
    assert load_mapping_file(path).formats == {"reviews": {"ts": "%Y%m%d%%"}}
