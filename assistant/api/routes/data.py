"""Read endpoints for the web page and scripts: customers, one customer, products, segments.

Each runs the same tool the chat would (so roles, redaction and the audit log apply alike,
refusals included) and returns plain JSON lists whose rows carry `customer_id`, `product_id` or
`name`. Two exceptions: /customers, because a page of the web table wants every row of the
ranking with contacts and an at-risk filter, more than the chat's at_risk_customers answer
carries, so it reads the scores itself and applies that tool's role check, redaction and audit
row; and /products, the catalogue (titles, categories, order counts: nothing about a person),
which every role may read and which, being no tool call, is not audited.
"""

import time
from typing import Annotated, Any

from fastapi import APIRouter, Query

from assistant.api.deps import PrincipalDep, ServicesDep
from assistant.api.services import Services
from assistant.persistence import audit
from assistant.persistence.keys import Principal
from assistant.roles import may_use, redact
from assistant.tools.at_risk import AT_RISK  # the line at_risk_customers counts by
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.catalogue import CATALOGUE, run_tool
from assistant.tools.writing import check_in_time
from commerce.errors import Forbidden, RetainError

router = APIRouter(prefix="/v1", tags=["data"])


@router.get("/customers", summary="Customers ranked by value at risk")
def customers(
    found: ServicesDep,
    caller: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    segment: Annotated[str | None, Query(max_length=100)] = None,
    at_risk: Annotated[bool, Query(description=f"only churn risk >= {AT_RISK:.0%}")] = False,
) -> list[dict[str, Any]]:
    arguments = {"segment": segment, "limit": limit, "at_risk": at_risk}
    _allow(found, caller, "at_risk_customers", arguments)
    try:
        rows = _ranked(found, limit, segment, at_risk)
    except RetainError as error:  # an unknown segment, no scores yet: audited as tools are
        _audit(found, caller, "at_risk_customers", arguments, 0, str(error))
        raise
    _audit(found, caller, "at_risk_customers", arguments, len(rows))
    shown: list[dict[str, Any]] = redact(rows, caller.role)
    return shown


def _ranked(
    found: Services, limit: int, segment: str | None, at_risk: bool
) -> list[dict[str, Any]]:
    scores = found.data.require_scores()
    positions = None
    if segment:
        positions = scores.positions(found.data.segments().members(segment))
    if at_risk:
        positions = scores.at_risk(AT_RISK, positions)
    rows = scores.top(limit, positions)
    segment_of = found.data.segments().segment_of
    contacts = found.data.customers().contacts
    for row in rows:
        row["segment"] = segment_of.get(row["customer_id"])
        row |= contacts.get(row["customer_id"], {})
    return rows


@router.get("/customers/{customer_id}", summary="One customer's profile")
def customer(customer_id: str, found: ServicesDep, caller: PrincipalDep) -> dict[str, Any]:
    return run_for(found, caller, "customer_profile", {"customer_id": customer_id}).result


@router.get("/segments", summary="Segments with size, value and risk")
def segments(found: ServicesDep, caller: PrincipalDep) -> list[dict[str, Any]]:
    output = run_for(found, caller, "list_segments", {})
    rows: list[dict[str, Any]] = output.result.get("segments", output.result.get("rows", []))
    return rows


@router.get("/products", summary="Products by number of orders")
def products(
    found: ServicesDep,
    caller: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict[str, Any]]:
    """The catalogue, open to every role (no personal data) and not audited (no tool runs)."""
    return [dict(row) for row in found.data.products()[:limit]]


def _allow(found: Services, caller: Principal, tool: str, args: dict[str, Any]) -> None:
    """Forbidden unless the caller's role may use `tool`; a refusal is audited first."""
    if not may_use(caller.role, tool):
        reason = f"the {caller.role} role may not use {tool}"  # as the catalogue says it
        _audit(found, caller, tool, args, 0, reason, outcome="refused")
        raise Forbidden(reason)


def run_for(found: Services, caller: Principal, name: str, args: dict[str, Any]) -> ToolOutput:
    """Run a tool for the caller: role checked, audited, redacted; a writing tool within
    RETAIN_DRAFT_TIMEOUT_S (DraftTimeout past it)."""
    _allow(found, caller, name, args)
    limit_s = found.settings.draft_timeout_s
    # As in a chat turn, the model stops writing at the deadline (llm_gate.py): a draft with no
    # limit kept the model from every other caller's draft until it finished.
    deadline = time.monotonic() + limit_s
    ctx = ToolContext(
        settings=found.settings,
        role=caller.role,
        data=found.data,
        chat_model=lambda: found.llm.model(deadline),
        embedder=found.chat.embedder,
        alerts=None if found.alerts is None else found.alerts.store,
    )
    try:
        output = run_tool(ctx, name, args)
        if CATALOGUE[name].writes_text:
            check_in_time(name, deadline, limit_s, "RETAIN_DRAFT_TIMEOUT_S")
    except Forbidden as error:  # allowed the tool, but not with these arguments (roles.py)
        _audit(found, caller, name, args, 0, str(error), outcome="refused")
        raise
    except RetainError as error:
        _audit(found, caller, name, args, 0, str(error))
        raise
    _audit(found, caller, name, args, output.rows)
    return ToolOutput(
        output.answer, redact(output.result, caller.role), redact(output.cards, caller.role),
        output.rows,
    )  # fmt: skip


def _audit(
    found: Services,
    caller: Principal,
    tool: str,
    args: dict[str, Any],
    rows: int,
    error: str | None = None,
    outcome: str | None = None,
) -> None:
    outcome = outcome or ("error" if error else "ok")
    audit.record(found.db, audit.audit_row(caller, tool, args, rows, outcome, error=error))
