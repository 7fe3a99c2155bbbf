"""Liveness, readiness and Prometheus metrics (no key needed: for orchestrators)."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant.api.deps import ServicesDep

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="Liveness: the process answers")
def live() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/readyz", summary="Readiness: store, scores and indexes loaded")
def ready(found: ServicesDep) -> Any:
    parts = found.data.readiness() | {"llm_loaded": found.llm.loaded}
    ok = bool(parts.get("store"))
    return JSONResponse({"ready": ok, **parts}, status_code=200 if ok else 503)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(found: ServicesDep) -> Response:
    found.metrics.llm_waiting.set(found.llm.waiting)
    return Response(generate_latest(found.metrics.registry), media_type=CONTENT_TYPE_LATEST)
