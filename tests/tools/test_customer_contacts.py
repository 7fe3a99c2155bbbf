"""What a profile says is on file to reach the customer (e-mail, phone, signup date) for the
roles that see contacts, and a customer looked up by e-mail address; a marketer gets neither."""

import pandas as pd
import pytest

from assistant.roles import CONTACTS_REFUSAL
from assistant.settings import Settings
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import Forbidden, InvalidInput, NotFound
from commerce.workspace import Workspace
from tests.tools.conftest import MakeContext, context
from tests.tools.people_store import people_store

# A phone column is no schema column: ingest keeps it, and a spreadsheet may hold it as numbers.
PEOPLE = pd.DataFrame(
    {
        "customer_id": ["00001", "00002", "00003", "00004"],
        "name": ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Ken Thompson"],
        "email": ["Ada.Lovelace@Example.com", None, "shared@example.com", "shared@example.com"],
        "phone": [442079460958, None, None, None],
        "signup_date": [pd.Timestamp("1997-03-04"), pd.NaT, pd.Timestamp("1997-05-06"), pd.NaT],
    }
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    folder = tmp_path_factory.mktemp("contacts")
    people_store(folder, PEOPLE)
    return StoreData(Workspace(folder / "home"), Settings(home=folder / "home"))


def test_the_profile_says_what_is_on_file(data: StoreData) -> None:
    out = run_tool(context(data, "support"), "customer_profile", {"customer_id": "00001"})
    assert ("E-mail on file: Ada.Lovelace@Example.com; phone on file: 442079460958; "
            "signed up on 1997-03-04.") in out.answer  # fmt: skip
    assert out.result["signup_date"] == out.cards[0]["signup_date"] == "1997-03-04"
    assert out.result["phone"] == "442079460958"
    bare = run_tool(context(data, "operator"), "customer_profile", {"customer_id": "00002"})
    assert "No e-mail on file; no phone on file." in bare.answer
    assert "signed up" not in bare.answer and "signup_date" not in bare.result


def test_a_marketer_is_told_nothing_on_file(data: StoreData) -> None:
    out = run_tool(context(data, "marketer"), "customer_profile", {"customer_id": "00001"})
    assert not any(said in out.answer for said in ("e-mail", "E-mail", "phone", "signed up"))
    assert "signup_date" not in out.result and "signup_date" not in out.cards[0]


def test_the_tools_store_has_no_phone_and_says_so(make_ctx: MakeContext) -> None:
    out = run_tool(make_ctx("support"), "customer_profile", {"customer_id": "00042"})
    assert "E-mail on file: person.00042@example.com; no phone on file." in out.answer


@pytest.mark.parametrize("typed", ["ada.lovelace@example.com", " ADA.LOVELACE@EXAMPLE.COM "])
def test_a_customer_is_found_by_e_mail_in_any_case(data: StoreData, typed: str) -> None:
    out = run_tool(context(data, "support"), "customer_profile", {"customer_id": typed})
    assert out.result["customer_id"] == "00001"
    assert data.customers().resolve(typed, by_name=True) == "00001"


def test_an_unknown_or_shared_e_mail_is_refused_by_name(data: StoreData) -> None:
    ctx = context(data, "support")
    with pytest.raises(
        NotFound, match=r"no customer with the e-mail address 'nobody@example\.com'"
    ):
        run_tool(ctx, "customer_profile", {"customer_id": "nobody@example.com"})
    with pytest.raises(InvalidInput, match=r"2 customers have the e-mail address "
                       r"'shared@example\.com' \(00003, 00004\): ask by customer id"):  # fmt: skip
        run_tool(ctx, "customer_profile", {"customer_id": "shared@example.com"})


def test_a_marketer_looking_up_an_e_mail_gets_the_contacts_refusal(data: StoreData) -> None:
    with pytest.raises(Forbidden) as refused:
        run_tool(context(data, "marketer"), "customer_profile",
                 {"customer_id": "ada.lovelace@example.com"})  # fmt: skip
    assert str(refused.value) == CONTACTS_REFUSAL
