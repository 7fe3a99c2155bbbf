"""The demo customers' names: obviously fake, and each customer's their own.

First names of computing pioneers; surnames made of a root that says "not a real person"
("Sample", "Demo", "Placeholder") and an ending English surnames have ("ton", "ford", "well"):
"Ada Sampleton", "Linus Demoford". 60 first names x 1,000 surnames is 60,000 names for the demo's
23,570 customers, so a support agent can find a demo customer by name.
"""

import numpy as np

FIRST_NAMES = (
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
    "Radia", "John", "Hedy", "Claude", "Katherine", "Tim", "Shafi", "Donald", "Sophie", "Guido",
    "Anita", "Brian", "Joan", "Niklaus", "Lynn", "Bjarne", "Karen", "Vint", "Adele", "Alonzo",
    "Betty", "Carl", "Dana", "Edgar", "Evelyn", "Gordon", "Herman", "Ivan", "Jean", "Leslie",
    "Marvin", "Mary", "Ole", "Peter", "Ruth", "Seymour", "Stephen", "Susan", "Tony", "Whitfield",
    "Kristen", "Leonard", "Martin", "Robert", "Richard", "Jeannette", "Judea", "Larry", "Dorothy",
    "Yukihiro",
)  # fmt: skip
SURNAME_ROOTS = (
    "Sample", "Demo", "Example", "Placeholder", "Test", "Testcase", "Fixture", "Mock", "Mockup",
    "Dummy", "Fake", "Specimen", "Proto", "Stub", "Trial", "Pilot", "Draft", "Sketch", "Template",
    "Replica", "Decoy", "Standin", "Filler", "Proxy", "Pretend", "Madeup", "Sham", "Phony",
    "Bogus", "Faux", "Pseudo", "Fiction", "Lorem", "Ipsum", "Foo", "Acme", "Noname", "Clone",
    "Mimic", "Dryrun",
)  # fmt: skip
SURNAME_ENDINGS = (
    "ton", "ford", "well", "ley", "by", "son", "field", "wood", "worth", "ham", "stead", "brook",
    "dale", "more", "bury", "croft", "hurst", "wick", "shaw", "ridge", "man", "stone", "land",
    "berg", "holm",
)  # fmt: skip
SURNAMES = tuple(root + ending for root in SURNAME_ROOTS for ending in SURNAME_ENDINGS)


def customer_names(rng: np.random.Generator, customers: int) -> list[tuple[str, str]]:
    """`customers` distinct (first name, surname) pairs, drawn with `rng`."""
    space = len(FIRST_NAMES) * len(SURNAMES)
    if customers > space:
        raise ValueError(f"{customers:,} customers but only {space:,} distinct demo names")
    # Two draws of one number per customer, as the demo has always made: the draws that follow
    # (favourite categories, order lines, reviewers) stay the same when the lists grow.
    given = rng.integers(0, len(FIRST_NAMES), customers)
    family = rng.integers(0, len(SURNAMES), customers)
    taken: set[int] = set()
    names = []
    for number in (given * len(SURNAMES) + family).tolist():
        while number in taken:  # a name already given: the next surname (then first name) along
            number = (number + 1) % space
        taken.add(number)
        first, last = divmod(number, len(SURNAMES))
        names.append((FIRST_NAMES[first], SURNAMES[last]))
    return names
