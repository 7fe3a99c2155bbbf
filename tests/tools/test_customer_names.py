"""A customer looked up by full name, for the roles that see contacts: one customer of that
name is found, several are listed by id to choose from, and a marketer (who never sees
names) gets no lookup by name at all."""

from types import SimpleNamespace

import pandas as pd
import pytest

from assistant.chat.routing import StoreRouter
from assistant.tools.catalogue import run_tool
from assistant.tools.customer_lookup import Customers
from commerce.errors import InvalidInput, NotFound
from tests.tools.conftest import MakeContext
from tests.tools.people_store import people_store

PEOPLE = pd.DataFrame(
    {
        "customer_id": ["00001", "00002", "00003", "00004"],
        "name": ["Ada Lovelace", "Grace  Hopper", "Grace Hopper", None],
    }
)


@pytest.fixture(scope="module")
def customers(tmp_path_factory: pytest.TempPathFactory) -> Customers:
    return Customers(people_store(tmp_path_factory.mktemp("names"), PEOPLE))


def test_one_customer_of_that_name_is_found(customers: Customers) -> None:
    assert customers.resolve("Ada Lovelace", by_name=True) == "00001"
    assert customers.resolve("  ada   LOVELACE ", by_name=True) == "00001"
    assert customers.resolve("1", by_name=True) == "00001"  # ids are read as ids first


def test_a_shared_name_lists_the_ids_to_choose_from(customers: Customers) -> None:
    with pytest.raises(InvalidInput, match=r"2 customers are named 'Grace Hopper' "
                       r"\(00002, 00003\): ask by customer id"):  # fmt: skip
        customers.resolve("Grace Hopper", by_name=True)


def test_an_unknown_name_or_no_lookup_by_name_is_not_found(customers: Customers) -> None:
    with pytest.raises(NotFound, match="no customer named 'Alan Turing'; ids look like"):
        customers.resolve("Alan Turing", by_name=True)
    # A role that does not see names is told why, not that she is no customer (she is one).
    told = r"'Ada Lovelace' is not a customer id; names are contact details, so this role looks "
    with pytest.raises(NotFound, match=told + r"customers up by id, e\.g\. '00001'"):
        customers.resolve("Ada Lovelace")


def test_only_roles_that_see_contacts_look_up_by_name(make_ctx: MakeContext) -> None:
    # The tools' store gives each name to several customers (8 first names x 8 last names).
    with pytest.raises(InvalidInput, match=r"customers are named 'Ada Lovelace' \(00001, "):
        run_tool(make_ctx("support"), "customer_profile", {"customer_id": "Ada Lovelace"})
    with pytest.raises(NotFound, match="'Ada Lovelace' is not a customer id; names are contact"):
        run_tool(make_ctx("marketer"), "search_reviews", {"customer_id": "Ada Lovelace"})


def test_the_chat_router_asks_the_store_for_names_typed_in_lower_case(
    customers: Customers,
) -> None:
    # StoreRouter.known_name is how the router learns a lower-case "ada lovelace" is a name.
    data = SimpleNamespace(customers=lambda: customers)
    router = StoreRouter(data, embedder=None)  # type: ignore[arg-type]
    assert router.known_name("ada lovelace")
    assert router.known_name("grace hopper")  # shared: the tool then lists both ids
    assert not router.known_name("alan turing")
