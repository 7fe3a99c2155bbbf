"""A store-wide question from a role that may not ask it, with one customer in the
conversation: a support agent who looked up a customer and asks "is she at risk?", "what
products did they buy most?" or "how many orders in total?" asks about that customer, whose
profile answers it, not for the at-risk list, the best sellers or the store's figures (which
support may not see, and whose refusal answered instead).
"""

import re

from assistant.roles import Role, may_use
from assistant.routing.extract import Extraction
from assistant.routing.followup import points_back
from assistant.routing.memory import Memory
from assistant.routing.profile_parts import asked_part

# The lists and figures of the whole store a customer's profile has its own part of.
STORE_WIDE = frozenset({"at_risk_customers", "top_products", "top_customers", "store_metrics"})
# Words that ask about the store at large ("the best selling products", "top customers in
# 1998"), which a message that does not point back to the customer is then about.
STORE_WORDS = re.compile(
    r"\b(?:best|top|worst|most\s+popular|selling|sellers?|customers|store|shop|our|we|us|"
    r"everyone|everybody|anyone|anybody|all|who|whom|revenue|sales|rates?|ratios?|shares?|"
    r"lists?|figures?|metrics?|average|overall|trends?)\b"
)


def of_their_customer(tool: str, text: str, x: Extraction, memory: Memory, role: Role) -> bool:
    """True when `tool`, which `role` may not use, is asked of the conversation's customer:
    one was the last subject, the role may see a profile, and the message (`text`, lower
    case) points back to them or asks a part of a profile (orders, products, risk...), has no
    word of the store at large, and names no other customer, segment, product or category."""
    if tool not in STORE_WIDE or may_use(role, tool) or not may_use(role, "customer_profile"):
        return False
    if memory.customer_id is None or memory.subject != "customer":
        return False
    named = (x.customer_ids, x.segments, x.product_ids, x.categories, x.category, x.product_name)
    about_them = points_back(text) or bool(asked_part(text))  # "her orders", "in total?"
    return not any(named) and about_them and not STORE_WORDS.search(text)
