"""A trained predictor on disk: RETAIN_HOME/models/<version>/.

weights.pt      the network's state dict
predictor.json  input spec, network config, calibration, classic models' parameters,
                horizons, the store version it was trained on, training report, metrics
card.md         the model card: data, split, metrics, limits, in words
artifact.json   what `retain status` reads: kind, store version, created
"""

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from commerce.errors import InvalidInput, NotFound
from predictors.btyd import BGNBD, GammaGamma
from predictors.classic import Classic
from predictors.inputs import InputSpec
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import Calibration, Predictor
from predictors.train import choose_device

FORMAT = 1


def save_predictor(folder: Path, predictor: Predictor, meta: dict[str, Any], card: str) -> Path:
    """Write the predictor and its metadata; `meta` must hold `store_version`."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.save(predictor.net.state_dict(), folder / "weights.pt")
    classic = predictor.classic
    document = {
        "format": FORMAT,
        "spec": predictor.spec.to_dict(),
        "net": asdict(predictor.net.config),
        "calibration": asdict(predictor.calibration),
        "classic": {
            "bgnbd": _params(classic.purchases, ("r", "alpha", "a", "b")),
            "gamma_gamma": _params(classic.spend, ("p", "q", "v")) if classic.spend else None,
            "mean_spend": classic.mean_spend,
        },
        **meta,
    }
    (folder / "predictor.json").write_text(json.dumps(document, indent=2, default=str))
    (folder / "card.md").write_text(card)
    marker = {
        "kind": "model",
        "store_version": meta["store_version"],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detail": meta.get("summary", ""),
    }
    (folder / "artifact.json").write_text(json.dumps(marker, indent=2))
    return folder


def load_predictor(folder: Path, device: str = "auto") -> tuple[Predictor, dict[str, Any]]:
    """Read a saved predictor; NotFound or InvalidInput name what is missing or wrong."""
    path = folder / "predictor.json"
    if not path.is_file():
        raise NotFound(f"no trained model in {folder}: run `retain train` first")
    document: dict[str, Any] = json.loads(path.read_text())
    if document.get("format") != FORMAT:
        raise InvalidInput(f"{path}: model format {document.get('format')} is not {FORMAT}")
    target = choose_device(device)
    net = RetentionNet(NetConfig(**document["net"]))
    state = torch.load(folder / "weights.pt", map_location=target, weights_only=True)
    net.load_state_dict(state)
    classic_doc = document["classic"]
    spend = classic_doc["gamma_gamma"]
    classic = Classic(
        purchases=BGNBD(**classic_doc["bgnbd"]),
        spend=GammaGamma(**spend) if spend else None,
        mean_spend=classic_doc["mean_spend"],
    )
    predictor = Predictor(
        spec=InputSpec(**document["spec"]),
        net=net.to(target),
        calibration=Calibration(**document["calibration"]),
        classic=classic,
        device=target,
    )
    return predictor, document


def _params(model: object, names: tuple[str, ...]) -> dict[str, float]:
    return {name: float(getattr(model, name)) for name in names}
