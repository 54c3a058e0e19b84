"""Errors the reference portal answers, as RFC 9457 problem details."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

PROBLEM_BASE = "https://portail.defi-informatique.fr/problems/"


class Problem(Exception):
    """An error answer: its status, a short title, a detail for people and extra members."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": PROBLEM_BASE + self.kind if self.kind else "about:blank",
            "title": HTTPStatus(self.status).phrase,
            "status": self.status,
            "detail": self.detail,
        }
        doc.update(self.extra)
        return doc


def invalid(detail: str) -> Problem:
    return Problem(422, detail, kind="invalid-request")
