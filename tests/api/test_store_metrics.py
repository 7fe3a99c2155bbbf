"""store_metrics over the API: a chat question about the repeat-purchase rate reaches it with
the real router and opens with the rate, worked out from the store's orders; the tool runs
directly (POST /v1/tools/store_metrics) for the roles that may call it and is refused to
support."""

import pandas as pd
from fastapi.testclient import TestClient

from assistant.roles import Role
from tests.api.conftest import auth
from tests.api.test_chat import ask


def test_a_chat_question_about_the_repeat_rate(client: TestClient, keys: dict[Role, str]) -> None:
    reply = ask(client, keys["operator"], "what is our repeat purchase rate?")
    assert reply["route"]["kind"] == "tool" and reply["route"]["tool"] == "store_metrics"
    [call] = reply["tool_calls"]
    assert call["args"] == {"figure": "repeat_rate"}
    home = client.app.state.services.settings.home  # type: ignore[attr-defined]
    orders = pd.read_parquet(home / "store" / "orders.parquet")
    days = orders.assign(day=orders["ts"].dt.normalize()).drop_duplicates(["customer_id", "day"])
    repeat = int((days["customer_id"].value_counts() >= 2).sum())
    customers = orders["customer_id"].nunique()
    figures = call["result"]["figures"]
    assert (figures["repeat_customers"], figures["customers"]) == (repeat, customers)
    assert reply["answer"].startswith(f"Repeat-purchase rate {repeat / customers:.1%} from ")
    assert reply["cards"][0]["type"] == "store_metrics"


def test_the_tool_runs_for_operators_and_not_for_support(
    client: TestClient, keys: dict[Role, str]
) -> None:
    ran = client.post(
        "/v1/tools/store_metrics", json={"figure": "top_share"}, headers=auth(keys["marketer"])
    )
    assert ran.status_code == 200, ran.text
    assert ran.json()["answer"].startswith("The top 10% of customers by spend brought ")
    refused = client.post("/v1/tools/store_metrics", json={}, headers=auth(keys["support"]))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "the support role may not use store_metrics"
