"""A schemathesis run over the OpenAPI schema against the live server: whatever the inputs, never a 500."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.server import Site


def test_no_server_errors(site: Site) -> None:
    schema = schemathesis.openapi.from_url(f"{site.base}/openapi.json")
    schema.config.update(base_url=site.base)
    auth = {"Authorization": f"Bearer {site.tokens['a']}"}
    operations: list[Any] = []
    for result in schema.get_all_operations():
        assert isinstance(result, schemathesis.core.result.Ok), result  # every operation of our schema is valid
        operations.append(result.ok())
    assert len(operations) >= 12
    for op in operations:
        if op.method.upper() == "DELETE":
            continue  # revoking random token ids would only test 404s and could revoke the suite's own token

        @given(case=op.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: Any) -> None:
            case.call_and_validate(headers=auth, checks=[schemathesis.checks.not_a_server_error])

        fuzz()
