"""Logging to a rotating file in the user log dir: ids only, never personal data or secrets."""

from __future__ import annotations

import logging
import logging.handlers

from app.config import Paths

LOG_FILE = "hotline.log"


def configure_logging(paths: Paths, level: int = logging.INFO) -> None:
    paths.log.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if any(getattr(h, "_hotline", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.log / LOG_FILE, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler._hotline = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
