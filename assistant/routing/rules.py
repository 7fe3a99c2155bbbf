"""Keyword rules, for what words decide more reliably than similarity.

Refusals: running code, changing or dumping data, reaching for secrets or privileges, asking to
train the model (an admin's command-line task) or to set up alerts or reminders, and attempts to
set the instructions aside are refused by pattern, whatever the wording around them, because a
miss here costs more than a false alarm; only the words a review search looks for ("find reviews
saying ignore all previous instructions") are no attempt on the instructions (searched_text.py),
and markup ("<script>...</script> top products") is no request to run code (markup.py). Cues:
words that make one tool more likely (a budget amount, "lookalike", "forecast") nudge its score;
they never decide alone.
"""

import re
from dataclasses import dataclass

# An e-mail address that names a customer ("look up lynn.sketch.00003@example.com") is a
# contact detail: looked up for the roles that see contacts, refused to the others.
from assistant.routing.addresses import looked_up
from assistant.routing.paired_words import PAIRING
from assistant.routing.searched_text import without_searched_text

_WORDS_BETWEEN = r"[^.?!\n]{0,40}"
# A request's opening words: "please", "can you", "I want you to", "let's".
_ASKED_TO = (
    r"(?:(?:please|pls|ok(?:ay)?|now|so|hey)[\s,]+)*(?:(?:can|could|would|will)\s+you\s+"
    r"(?:please\s+)?|i\s+(?:want|need)\s+(?:you\s+)?to\s+|let'?s\s+|go\s+(?:and\s+)?)?"
)
# When a reminder or a report would run: "tomorrow", "next week", "on friday", "in 2 days",
# "at 9", "every monday".
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_EVERY = rf"(?:every|each)\s+(?:day|morning|evening|night|week|month|quarter|year|{_DAY})\b"
_LATER = (
    rf"(?:tomorrow|tonight|later\b|next\s+(?:week|month|quarter|year|{_DAY})\b|"
    rf"on\s+{_DAY}\b|in\s+(?:an?|\d+|one|two|three|a\s+few)\s+(?:minutes?|hours?|days?|"
    rf"weeks?|months?)\b|at\s+\d|{_EVERY})"
)
_THE_MODEL = r"(?:the\s+|a\s+|our\s+|your\s+|new\s+)*(?:[\w-]+\s+){0,2}?(?:models?|predictors?)\b"


@dataclass(frozen=True)
class Refusal:
    """A pattern to refuse and why. `searched_is_data`: the words a review search looks for
    are not read by this pattern (searched_text.py)."""

    pattern: re.Pattern[str]
    reason: str
    searched_is_data: bool = False


REFUSALS: tuple[Refusal, ...] = (
    Refusal(
        re.compile(
            rf"\b(?:run|execute|exec|eval|evaluate)\b{_WORDS_BETWEEN}\b(?:python|code|script|shell|"
            r"bash|command|sql|query|program|snippet|this)\b|\bimport\s+os\b|os\.system|subprocess|"
            r"\bexec\s*\(|\beval\s*\(|rm\s+-rf|\bsudo\b|__import__|\bselect\s+[\w*, ]+\s+"
            r"from\s+\w+|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b"
        ),
        "I can't run code, scripts or database queries. Ask me about customers, segments, "
        "reviews, offers or forecasts instead.",
    ),
    Refusal(
        re.compile(
            r"\b(?:drop|truncate|alter)\s+(?:the\s+)?(?:\w+\s+)?(?:table|database|schema|db)\b|"
            rf"\b(?:delete|erase|wipe|purge|destroy)\b{_WORDS_BETWEEN}\b(?:customers?|orders?|"
            r"reviews?|records?|rows?|data|database|db|tables?|store|accounts?)\b"
        ),
        "I can't change or delete data: I only read it. An admin changes the store by "
        "ingesting new files.",
    ),
    Refusal(
        re.compile(
            rf"\b(?:dump|export|download|extract|scrape|leak|exfiltrate)\b{_WORDS_BETWEEN}\b(?:"
            r"e-?mails?|addresses|phone|phones|numbers|contacts?|personal|pii|database|db|tables?|"
            r"data|customers|names|everything|csv)\b|"
            r"\b(?:list|show|give|get|send|print|fetch)\b[^.?!\n]{0,20}\b(?:all|every|each)\b"
            r"[^.?!\n]{0,25}\b(?:e-?mails?|email addresses|phone numbers|addresses|passwords)\b"
        ),
        "I can't dump or export bulk data such as contact lists or whole tables. Ask about one "
        "customer, a segment, or a ranked list instead.",
    ),
    Refusal(
        re.compile(
            rf"\bignore\b{_WORDS_BETWEEN}\b(?:instructions|rules|prompt|guidelines|previous|above)"
            r"\b|\b(?:system|hidden|initial|original)\s+(?:prompt|instructions|message)\b|"
            r"\byou\s+are\s+now\b|\bjailbreak|\bdeveloper\s+mode\b|\bdan\s+mode\b|"
            rf"\b(?:forget|disregard|override|bypass|skip)\b{_WORDS_BETWEEN}\b(?:rules|"
            r"instructions|restrictions|guardrails|policy|policies|roles?|permissions|filters?)\b|"
            rf"\bpretend\b{_WORDS_BETWEEN}\b(?:no|without|unrestricted)\b|"
            r"\breveal\b[^.?!\n]{0,20}\b(?:prompt|instructions)\b|\byour\s+(?:hidden\s+)?"
            r"(?:instructions|prompt)\b|\bunrestricted\b"
        ),
        "I can't set aside or reveal my instructions. Ask me a question about your customers.",
        # An operator hunts injected reviews by what they say; the other rules keep reading
        # the searched words ("reviews mentioning my password" stays a secret).
        searched_is_data=True,
    ),
    Refusal(
        re.compile(
            r"\b(?:api[\s_-]?keys?|passwords?|passwd|secrets?|credentials?|access\s+tokens?|"
            r"bearer\s+tokens?|private\s+keys?|ssh\s+keys?|env(?:ironment)?\s+var\w*)\b|\.env\b"
        ),
        "I can't share keys, passwords or other secrets. An admin creates API keys with "
        "`retain keys create`.",
    ),
    # No tool trains: training the model is an admin's command-line task ("when was the model
    # trained" still asks for the model report). Only the model's: "launch a training offer"
    # and "run a training session for the support team" are other trainings.
    Refusal(
        re.compile(
            rf"^{_ASKED_TO}(?:(?:re-?train|train|re-?fit|fit)\s+{_THE_MODEL}|re-?train\b|"
            rf"(?:re-?)?training\s+(?:of\s+)?{_THE_MODEL})|\b(?:start|kick\s+off|launch|trigger|"
            r"run|begin)\s+(?:a\s+|the\s+|new\s+)*(?:(?:[\w-]+\s+)?(?:model|predictor)\s+"
            rf"(?:re-?)?training\b|re-?training\b|training\s+(?:of\s+|for\s+)?{_THE_MODEL})"
        ),
        "I can't train the model from the chat: training is an admin task, run on the command "
        "line with `retain train`. An operator can see the current model's report here.",
    ),
    # Alerts are raised by rules whose thresholds are settings; the chat only lists and
    # explains them. "create an alert when a champion crosses 60%" listed champions' alerts.
    Refusal(
        re.compile(
            r"\b(?:create|set\s*up|add|make|configure|schedule|define)\s+(?:an?\s+|new\s+|the\s+|"
            r"custom\s+|my\s+own\s+)*(?:alert|alarm|notification|trigger)s?\b(?!\s+(?:list|feed))|"
            r"\b(?:notify|alert|ping|warn|e-?mail|text)\s+me\s+(?:when|if|whenever|as\s+soon\s+as)\b|"
            # Not "let me know when customer 42 last ordered": a question, in other words.
            r"\b(?:let\s+me\s+know|tell\s+me)\s+(?:when|if|whenever|as\s+soon\s+as)\b[^.?!\n]{0,40}"
            r"\b(?:cross\w*|goes|go|gets|rises?|drops?|falls?|reach\w*|exceeds?|hits?|becomes?|"
            r"writes?|leaves?|churns?|turns?)\b|"
            r"\b(?:change|set|lower|raise|adjust)\s+(?:the\s+)?(?:alert|alerts'|alerting)\s+"
            r"(?:threshold|rule|level)s?\b"
        ),
        "I can't set up alerts from the chat: alerts come from fixed rules (a valuable "
        "customer's churn risk crossing a threshold, a very unhappy review, a segment's risk "
        "jumping), and their thresholds are settings an admin changes (docs/alerts.md). Ask "
        '"any new alerts?" to see those raised.',
    ),
    # Nothing asked in the chat is kept to run later: "remind me tomorrow to call the
    # champions" was "not sure what you're asking". Not "remind me what we sold in 1997", a
    # question, nor "send reminders" (an offer without discount).
    Refusal(
        re.compile(
            rf"\bremind\s+(?:me|us)\s+(?:to\b|{_LATER}|(?:about|of)\b[^.?!\n]{{0,40}}{_LATER})|"
            r"\b(?:set|create|add|make|schedule)\s+(?:up\s+)?(?:an?\s+|the\s+|new\s+|my\s+)*"
            r"reminders?\b(?!\s+(?:only|e-?mails?|sms|texts?|messages?|offers?|campaigns?))|"
            r"\bschedule\s+(?:an?\s+|the\s+|my\s+|this\s+|that\s+)?(?:(?:daily|weekly|monthly|"
            r"recurring|regular)\s+)?(?:reports?|tasks?|jobs?|exports?|runs?|checks?|reminders?)\b|"
            rf"\b(?:send|e-?mail|mail)\s+(?:me|us)\b[^.?!\n]{{0,40}}\b(?:{_EVERY})"
        ),
        "I can't set reminders or schedule tasks: nothing asked here is kept to run later. "
        "What Retain watches for itself are alerts, raised by fixed rules (a valuable "
        "customer's churn risk crossing a threshold, a very unhappy review, a segment's risk "
        'jumping; docs/alerts.md): ask "any new alerts?" to see them.',
    ),
    Refusal(
        re.compile(
            r"\b(?:make|promote|give|grant|set|change|switch|upgrade|elevate)\b[^.?!\n]{0,20}"
            r"\b(?:me|my\s+role|my\s+account|my\s+key|my\s+access|myself)\b[^.?!\n]{0,20}"
            r"\b(?:an?\s+)?(?:admin|administrator|operator|root|superuser|role|access|"
            r"permissions?|privileges?)\b"
        ),
        "I can't change roles or permissions. Ask an admin for a key with the role you need.",
    ),
)
# Who a name or an e-mail address belongs to, and a customer's id ("#00003", "id 3").
_PERSON = r"(?:customers?|clients?|buyers?|shoppers?|persons?|people|users?|accounts?)"
_ID = r"(?:id\s+|#\s*)?\d[\w-]*"
CONTACTS = re.compile(
    r"\b(?:e-?mail\s+address(?:es)?|phone(?:\s+numbers?)?|mobile\s+numbers?|contact\s+(?:details|"
    r"info\w*)|home\s+address|postal\s+address|mailing\s+address|address(?:es)?|full\s+names?|"
    r"real\s+names?|surnames?|last\s+names?|first\s+names?|given\s+names?|middle\s+names?)\b|"
    r"(?:'s|\b(?:his|her|their|whose))\s+e-?mail\b|"
    rf"(?:{_PERSON}'s|\b(?:his|her|their|whose))\s+(?:first\s+|full\s+|real\s+)?names?\b|"
    # "what is the name of customer 00003", "what is 00003 called": a person's name, not
    # the name of their segment or product ("the name of customer 00003's segment", "the
    # name of the customer segment with the most revenue").
    rf"\bnames?\s+of\s+(?:th(?:is|at|e)\s+)?(?>{_PERSON}(?:\s+{_ID})?|{_ID})(?!'s\b|\s+"
    r"(?:segments?|groups?|clusters?|cohorts?|categor(?:y|ies)|products?|items?|orders?|"
    r"favou?rites?|reviews?))|"
    # "the names of the champions", "names of the at-risk customers": the people's names, not
    # a list's ("names of the segments", "names of these products").
    rf"\bnames\s+of\s+(?:th(?:e|ese|ose)\s+|all\s+|our\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_PERSON}|champions|them|those|these)\b(?!\s+(?:segments?|groups?|clusters?|"
    r"cohorts?|products?|items?|categor(?:y|ies)|skus?|brands?))|"
    rf"\bwhat(?:'s|s|\s+is)?\s+(?:th(?:is|at|e)\s+)?(?:{_PERSON}(?:\s+{_ID})?|{_ID}|she|he)"
    r"\s+called\b|"
    r"\b(?:what|whats|what's|give|show|get|tell|find|send)\b[^.?!\n]{0,25}\be-?mails?\b"
    r"(?!\s+(?:offer|campaign|copy|draft|message|template))"
)
# Contacts asked beside a list ("top 5 customers? i need their emails"): the list is answered,
# without them, and the answer says so rather than leave the e-mails promised.
CONTACTS_TOO = re.compile(
    r"\b(?:e-?mails?|e-?mail\s+address(?:es)?|phones?(?:\s+numbers?)?|contact\s+(?:details|"
    r"info\w*)|(?:postal\s+)?address(?:es)?)\b(?!\s+(?:offers?|campaigns?|copy|drafts?|"
    r"messages?|templates?))"
)
CONTACTS_NOTE = (
    "Marketers don't see contact details, so this list has no e-mail addresses or phone "
    "numbers; a support agent can look them up."
)

# Words that make one tool likelier; each adds CUE_WEIGHT to that tool's similarity.
CUES: dict[str, re.Pattern[str]] = {
    "plan_budget": re.compile(r"\bbud[gj]\w*|\ballocat\w*|\bincentives?\b"),
    "draft_offer": re.compile(
        r"\b(?:draft|drfat|write|compose|create|prepare|craft|send|make|text)\b[^.?!]{0,40}"
        r"\b(?:offers?|e-?mail|sms|text|message|coupons?|promos?|promotion|discounts?|copy|"
        r"campaign|voucher)\b|\b(?:offers?|coupons?|promo|voucher|win[\s-]?back\s+(?:email|message))\b|"
        r"\b(?:write|draft|compose|craft)\b(?![^.?!]{0,30}\b(?:summary|about|up|overview|in\s+their))"
    ),
    "similar_customers": re.compile(
        r"\b(?:similar|simlar|lookalikes?|look-alikes?|resembl\w*|nearest\s+neighbou?rs?|"
        r"(?:behaves?|shops?|buys?|looks?)\s+(?:just\s+)?like|like\s+(?:this\s+one|him|her|them|"
        r"customer|\d))\b"
    ),
    "forecast_demand": re.compile(
        r"\b(?:forecast\w*|forcast\w*|projection|projected|outlook|predict\s+(?:sales|demand|"
        r"revenue|orders)|demand)\b|\bhow\s+(?:much|many)\b(?:\s+[\w'-]+){0,4}\s+will\b"
    ),
    "model_report": re.compile(
        r"\b(?:model|auc|accuracy|accurate|holdout|hold-out|metrics?|trained|retrain\w*|"
        r"freshness|fresh|up\s+to\s+date|calibrat\w*|model\s+card|precision|recall)\b"
    ),
    "review_sentiment": re.compile(
        r"\b(?:sentiment|sentimnet|tone|feel|feels|feeling|positive\s+or\s+negative|"
        r"good\s+or\s+bad|themes?|mostly|overall|satisfied|happy|unhappy|dissatisfied|dislike\w*|"
        r"annoy\w*|frustrat\w*|pain\s+points?|mood)\b"
    ),
    # "reviews" alone is in sentiment questions too; searching is in the verbs.
    "search_reviews": re.compile(
        r"\b(?:wrote|written|write\s+about|mention\w*|say|says|said|saying|talk\w*\s+about|"
        r"(?:find|show|search|any|look\s+for|pull|list|give\s+me|read)\b[^.?!]{0,30}\b"
        r"(?:reviews?|feedback|comments|complaints))\b"
    ),
    "at_risk_customers": re.compile(
        r"\b(?:churn\w*|at[\s-]risk|risk(?:iest|y)?|leav\w*|lose|losing|slipping|lapsed|lapsing|"
        r"drifting|going\s+quiet|(?:going|gone|turning)\s+cold|dormant|(?:stopped|quit)\s+(?:buying|ordering)|"
        r"win[\s-]?back)\b"
    ),
    "recommend_products": re.compile(
        r"\b(?:recomm?end\w*|recomend\w*|suggest\w*|buy\s+next|purchase\s+next|upsell|up-sell|"
        r"cross-sell|next\s+best|picks?|(?:might|would|will)\s+(?:also\s+)?(?:like|enjoy|love)|"
        r"else\s+(?:[\w-]+\s+){0,3}(?:like|enjoy|want|buy))\b"
    ),
    # Sales so far; a forecast's words ("will sell", "next quarter") are nudges.py's to weigh.
    # Products ranked by what customers did ("products by number of orders", "items ranked by
    # order count") are best sellers, as customers so ranked are top customers (below).
    "top_products": re.compile(
        r"\b(?:best[\s-]?sell\w*|top[\s-]?sell\w*|sold|selling|sells|sell\s+(?:best|most)|"
        r"(?:buy|buying|bought|order|ordered)\s+(?:the\s+)?most|"
        r"most\s+(?:popular|ordered|bought|purchased|sold)|product\s+sales|"
        r"(?:top|best|popular)\s+(?:\d+\s+)?(?:products|items|categories)|"
        r"(?:products|items|categories)\s+(?:[\w-]+\s+){0,2}?(?:by|with\s+the\s+(?:most|"
        r"highest)|ha(?:ve|s|d)\s+the\s+most)\s+(?:number\s+of\s+)?(?:orders|order\s+counts?|"
        r"buyers|customers|units|revenue|sales))\b"
    ),
    # Customers by what they did; "who bought the most" names customers, not products.
    "top_customers": re.compile(
        r"\b(?:(?:biggest|top|largest|heaviest|big)\s+(?:spenders|spending\s+customers)|"
        r"who\s+(?:has\s+|have\s+)?(?:spent|spends?|bought|buys|ordered|orders|purchased)\s+"
        r"(?:the\s+)?most|(?:(?:customers|buyers|clients|shoppers|accounts)\s+(?:who|that)|"
        r"(?:which|what)\s+(?:customers|buyers|clients|shoppers|accounts))\s+"
        r"(?:have\s+)?(?:spent|spend|ordered|bought|placed|purchased)\s+(?:the\s+)?most|"
        r"(?:customers|buyers|clients|shoppers|accounts|spenders)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:by|with\s+the\s+(?:most|highest))\s+(?:revenue|spend\w*|sales|orders|purchases|"
        r"order\s+counts?))\b"
    ),
    # Products bought with one product: "what goes with", "bought together", "similar to".
    "bought_with": PAIRING,
    # The policy every offer is held to: its limits, perks and how long an offer lasts.
    "discount_policy": re.compile(
        r"\b(?:polic(?:y|ies)|perks?|(?:max(?:imum)?|biggest|largest|highest)\s+discounts?|"
        r"discount\s+(?:limits?|caps?|levels?|ladder)|valid\s+for\s+how\s+long|"
        r"how\s+long\s+(?:is|are|do|does)\s+(?:an?\s+|our\s+|the\s+)?(?:offers?|coupons?|"
        r"discounts?)|(?:offers?|coupons?)\s+(?:expire|last|valid))\b"
    ),
    "list_segments": re.compile(r"\b(?:segments|clusters|groups|segmentation|which\s+segment)\b"),
    "segment_summary": re.compile(
        r"\b(?:summar\w+|describe|explain|tell\s+me\s+about|facts?|overview|stats|"
        r"characteri[sz]\w+|profile\s+of|like\?|what\s+are\s+\w+(?:\s+\w+)?\s+like|who\s+are)\b"
    ),
}
CUE_WEIGHT = 0.06
# Cue words that almost only one tool's questions use count double.
STRONG_CUES = frozenset({"similar_customers", "bought_with"})


def refusal(text: str) -> str | None:
    """The reason to refuse `text` (lower case), or None when no refusal rule applies."""
    asked = without_searched_text(text)
    for rule in REFUSALS:
        if rule.pattern.search(asked if rule.searched_is_data else text):
            return rule.reason
    return None


def asks_for_contacts(text: str) -> bool:
    """True when `text` (lower case) asks for a person's contact details or name, or names
    a customer by e-mail address (not an address in a review search: addresses.py)."""
    return bool(CONTACTS.search(text) or looked_up(text))


def contacts_too(text: str) -> bool:
    """True when `text` (lower case) asks for contact details along with something else: no
    refusal, as asks_for_contacts would give, but a note for a role that may not see them."""
    return bool(CONTACTS_TOO.search(text))


def cues(text: str) -> dict[str, float]:
    """The score each tool's cue words add for `text` (lower case)."""
    return {
        tool: CUE_WEIGHT * (2 if tool in STRONG_CUES else 1)
        for tool, pattern in CUES.items()
        if pattern.search(text)
    }
