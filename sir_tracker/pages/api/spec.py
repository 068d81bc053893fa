"""The API's operations, each declared once with ``Api.get``: the decorator registers the
Flask route that serves it and the entry of the OpenAPI 3.1 description, both from the same
pydantic models, so the description cannot drift from what is served.

Every operation reads only (GET, and HEAD which Flask derives from it); its answer carries an
``ETag`` and answers 304 to a matching ``If-None-Match``; bad query parameters answer 422 with
RFC 9457 problem details naming each parameter at fault.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, request
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema
from werkzeug.wrappers import Response

from sir_tracker.pages.api import schemas
from sir_tracker.web.converters import MAX_ID
from sir_tracker.web.problems import PROBLEM_JSON, problem

# Ids in paths match the ``id`` URL converter: from 1 to its MAX_ID.
_ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
_PATH_PARAMETER = re.compile(r"\{(\w+)\}")
_REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Operation:
    path: str  # OpenAPI style: /leas/{lea_id}
    operation_id: str
    summary: str
    description: str
    query: type[schemas.Query]
    response: type[BaseModel]
    tag: str


@dataclass
class Api:
    blueprint: Blueprint
    title: str
    version: str
    description: str
    operations: list[Operation] = field(default_factory=list)

    def get(
        self,
        path: str,
        *,
        response: type[BaseModel],
        query: type[schemas.Query] = schemas.NoQuery,
        tag: str,
    ) -> Callable[[Callable[..., BaseModel]], Callable[..., Response]]:
        """Serve ``path`` (``{name}`` an id) with the decorated function, which takes the
        parsed ``query`` and the path's ids and returns a ``response``. Its docstring's first
        line is the operation's summary, the rest its description."""

        def register(view: Callable[..., BaseModel]) -> Callable[..., Response]:
            summary, _, description = (view.__doc__ or "").strip().partition("\n")
            self.operations.append(
                Operation(
                    path=path,
                    operation_id=view.__name__,
                    summary=summary.strip(),
                    description=" ".join(description.split()),
                    query=query,
                    response=response,
                    tag=tag,
                )
            )

            @wraps(view)
            def serve(**ids: int) -> Response:
                try:
                    parsed = query.model_validate(request.args.to_dict())
                except ValidationError as error:
                    return _invalid_query(error)
                return json_response(view(parsed, **ids))

            self.blueprint.add_url_rule(
                _PATH_PARAMETER.sub(r"<id:\1>", path), view.__name__, serve, methods=["GET"]
            )
            return serve

        return register

    def openapi(self, server_url: str) -> dict[str, Any]:
        """The OpenAPI 3.1 description of every operation."""
        models: set[type[BaseModel]] = {schemas.Problem}
        models.update(operation.response for operation in self.operations)
        _, definitions = models_json_schema(
            [(model, "serialization") for model in sorted(models, key=lambda m: m.__name__)],
            ref_template=_REF,
        )
        paths: dict[str, dict[str, Any]] = {}
        for operation in self.operations:
            paths.setdefault(operation.path, {})["get"] = _operation_object(operation)
        return {
            "openapi": "3.1.0",
            "info": {
                "title": self.title,
                "version": self.version,
                "description": self.description,
            },
            "servers": [{"url": server_url}],
            "paths": paths,
            "components": {
                "schemas": definitions.get("$defs", {}),
                "securitySchemes": {
                    "token": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "A personal API token, made on your account page.",
                    }
                },
            },
            # Anonymous readers see published data; a token shows its owner's scope.
            "security": [{}, {"token": []}],
        }


def json_response(model: BaseModel) -> Response:
    response = Response(model.model_dump_json(), mimetype="application/json")
    # Answers differ by reader: caches must key on the credentials and ask again each time.
    response.headers["Vary"] = "Authorization, Cookie"
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


def _invalid_query(error: ValidationError) -> Response:
    errors = [
        {"parameter": ".".join(str(part) for part in item["loc"]), "detail": item["msg"]}
        for item in error.errors()
    ]
    names = ", ".join(sorted({entry["parameter"] for entry in errors}))
    return problem(422, "Invalid query parameters", f"Check {names}.", errors=errors)


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": _REF.format(model="Problem")}}},
    }


def _query_parameters(query: type[schemas.Query]) -> list[dict[str, Any]]:
    properties = query.model_json_schema()["properties"]
    parameters = []
    for name, prop in properties.items():
        schema = {k: v for k, v in prop.items() if k not in ("title", "description", "default")}
        # An optional parameter is left out rather than sent as null.
        variants = [s for s in schema.pop("anyOf", []) if s.get("type") != "null"]
        schema.update(*variants)
        if prop.get("default") is not None:
            schema["default"] = prop["default"]
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": prop.get("description", ""),
                "schema": schema,
            }
        )
    return parameters


def _operation_object(operation: Operation) -> dict[str, Any]:
    path_parameters = [
        {"name": name, "in": "path", "required": True, "schema": dict(_ID_SCHEMA)}
        for name in _PATH_PARAMETER.findall(operation.path)
    ]
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "headers": {"ETag": {"schema": {"type": "string"}}},
            "content": {
                "application/json": {
                    "schema": {"$ref": _REF.format(model=operation.response.__name__)}
                }
            },
        },
        "304": {"description": "Not modified since the ETag given in If-None-Match."},
        "401": _problem("The API token is unknown or revoked."),
    }
    if path_parameters:
        responses["404"] = _problem("No such record within the reader's scope.")
    query_parameters = _query_parameters(operation.query)
    if query_parameters:
        responses["422"] = _problem("A query parameter is not valid.")
    return {
        "operationId": operation.operation_id,
        "summary": operation.summary,
        "description": operation.description,
        "tags": [operation.tag],
        "parameters": path_parameters + query_parameters,
        "responses": responses,
    }
