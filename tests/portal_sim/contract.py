"""Checks an HTTP answer against the operation of ``app/sync/portal_api.yaml`` it answers: the status is
documented, the content type and body match that status's schema, and the documented headers are there
and well-formed. Needs the test extra (PyYAML, openapi-schema-validator)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2] / "app" / "sync" / "portal_api.yaml"
SPEC_URI = "urn:hotline:portal-api"


class ContractError(AssertionError):
    """An answer the OpenAPI file does not allow."""


@cache
def load_spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class ContractChecker:
    def __init__(self, spec: Mapping[str, Any] | None = None) -> None:
        self.spec = dict(spec or load_spec())
        resource = Resource.from_contents(self.spec, default_specification=DRAFT202012)
        self.registry: Registry = Registry().with_resource(SPEC_URI, resource)
        self.seen: set[tuple[str, str]] = set()
        self._templates = [
            (template, re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"))
            for template in self.spec["paths"]
        ]

    def _resolve(self, node: dict[str, Any], pointer: str) -> tuple[dict[str, Any], str]:
        """Follow a local ``$ref`` (response or header objects), with the pointer of what it names."""
        while "$ref" in node:
            pointer = node["$ref"].removeprefix("#")
            node = self.spec
            for part in pointer.strip("/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def validate_value(self, value: Any, pointer: str) -> None:
        """Validate ``value`` against the schema at ``pointer`` in the OpenAPI file (formats checked)."""
        validator = OAS31Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry, format_checker=OAS31Validator.FORMAT_CHECKER
        )
        try:
            validator.validate(value)
        except ValidationError as error:
            raise ContractError(f"{pointer}: {error.message} at {list(error.absolute_path)}") from None

    def template(self, path: str) -> str:
        for template, pattern in self._templates:
            if pattern.match(path):
                return template
        raise ContractError(f"no operation for the path {path}")

    def check(self, method: str, path: str, status: int, headers: Mapping[str, str], body: bytes) -> Any:
        """Check one answer (``path`` relative to the base URL, without the query); return its JSON body."""
        template = self.template(path)
        operation = self.spec["paths"][template].get(method.lower())
        if operation is None:
            raise ContractError(f"{method} {template} is not an operation")
        key = str(status)
        responses = operation["responses"]
        # ``default`` stands for unexpected server errors only: a client error must be listed.
        if key not in responses and ("default" not in responses or status < 500):
            raise ContractError(f"{method} {template}: status {status} is not documented")
        used = key if key in responses else "default"
        base = f"/paths/{_escape(template)}/{method.lower()}/responses/{used}"
        response, pointer = self._resolve(responses[used], base)
        self.seen.add((operation["operationId"], key))
        lowered = {name.lower(): value for name, value in headers.items()}
        for name, header in response.get("headers", {}).items():
            spec, header_pointer = self._resolve(header, f"{pointer}/headers/{_escape(name)}")
            value = lowered.get(name.lower())
            if value is None:
                if spec.get("required"):
                    raise ContractError(f"{method} {template} {status}: header {name} is missing")
                continue
            schema, _ = self._resolve(spec["schema"], header_pointer + "/schema")
            typed: Any = int(value) if schema.get("type") == "integer" and value.isdigit() else value
            self.validate_value(typed, header_pointer + "/schema")
        content = response.get("content")
        if not content:
            if body:
                raise ContractError(f"{method} {template} {status}: a body where none is documented")
            return None
        media = lowered.get("content-type", "").split(";")[0].strip()
        if media not in content:
            raise ContractError(f"{method} {template} {status}: content type {media!r} is not one of {list(content)}")
        document = json.loads(body)
        self.validate_value(document, f"{pointer}/content/{_escape(media)}/schema")
        return document
