"""The customer index as queries use it, shared by `retain similar` / `retain index build` and
the similar_customers tool: the saved index when it is current, else one built in memory from
today's features (never saved: a query has no side effects)."""

import pandas as pd

from commerce.errors import RetainError
from commerce.workspace import Workspace
from predictors.features import customer_features
from predictors.history import History, from_store
from retrieval.build import open_customer_index
from retrieval.customers import CustomerIndex


def features_now(history: History) -> pd.DataFrame:
    """Every customer's behaviour features at the store's last day (what the index holds)."""
    return customer_features(history, history.last_day)


def customer_index(workspace: Workspace, history: History | None = None) -> CustomerIndex:
    """The saved customer index when built from the current store; otherwise (none yet, stale
    or unreadable) one built from `history` (read from the store when not given)."""
    try:
        return open_customer_index(workspace)
    except RetainError:
        return CustomerIndex.build(features_now(history or from_store(workspace.store())))
