"""The chapters schema ships compiled (``shownotes/outputs/chapters_schema.py``) and stays
what fastjsonschema makes of the schema file today."""

from __future__ import annotations

import importlib.util
import json

import fastjsonschema
import pytest
from conftest import ROOT

from shownotes.outputs import chapters_schema

GENERATE = ROOT / "shownotes" / "outputs" / "schemas" / "generate.py"


def generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate", GENERATE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_compiled_schema_is_current(update_golden: bool) -> None:
    gen = generator()
    if update_golden:
        gen.MODULE.write_text(gen.generated(), "utf-8")
    assert gen.MODULE.read_text("utf-8") == gen.generated(), (
        "the schema or fastjsonschema changed: run "
        ".venv/bin/python shownotes/outputs/schemas/generate.py"
    )


@pytest.mark.parametrize(
    "doc",
    [
        {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "One"}]},
        {"version": "1.2.0"},
        {"version": "one", "chapters": []},
        {"version": "1.2.0", "chapters": [{"startTime": "0"}]},
        {"version": "1.2.0", "chapters": [{"startTime": 0, "url": "no scheme:x"}]},
        [],
    ],
)
def test_it_says_what_the_run_time_compile_says(doc: object) -> None:
    schema = json.loads(generator().SCHEMA.read_text("utf-8"))
    outcomes = []
    for validate in (fastjsonschema.compile(schema), chapters_schema.validate):
        try:
            outcomes.append(("ok", validate(doc)))
        except fastjsonschema.JsonSchemaException as exc:
            outcomes.append((type(exc).__name__, exc.message))
    assert outcomes[0] == outcomes[1]
