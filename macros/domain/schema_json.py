"""`make schema`: training.schema.json, the JSON Schema of training.yml, from the pydantic models.

training.yml names it on its first line (`# yaml-language-server: $schema=./training.schema.json`),
so that editors using yaml-language-server (VS Code's YAML extension) complete its keys, show
the models' docstrings and mark faults while one types. It is JSON Schema draft-07, the draft
yaml-language-server supports. The models stay the authority: `make check` also checks what the
schema cannot say (wrapped Chinese, ids and references between entries, the scenarios' graphs).
tests/test_schema_json.py fails when the file is not what this module writes.

    python -m macros.domain.schema_json    # writes training.schema.json
"""

import json
import sys
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from .schema import TrainingSource
from .source import SOURCE_FILE

SCHEMA_FILE = "training.schema.json"
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
DRAFT = "http://json-schema.org/draft-07/schema#"
PROJECT_DIR = Path(__file__).resolve().parents[2]


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's schema, shaped for an editor.

    An optional field is left out, never written empty: no `null` branch (`speaker:` with nothing
    after it is a fault). No defaults, which an editor would insert on completion. No field titles
    (the key is the title; the docstring is the description). A dict with a key pattern takes no
    other keys, as the model.
    """

    def nullable_schema(self, schema):
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema):
        return self.generate_inner(schema["schema"])

    def field_title_should_be_set(self, schema) -> bool:
        return False

    def dict_schema(self, schema):
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:
            json_schema["additionalProperties"] = False
        return json_schema


def course_schema() -> dict:
    """The JSON Schema of training.yml, as draft-07 (`definitions`, not `$defs`)."""
    schema = TrainingSource.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", schema_generator=_EditorSchema)
    definitions = schema.pop("$defs")
    schema["title"] = SOURCE_FILE
    return _refs_alone({"$schema": DRAFT, **schema, "definitions": definitions})


def _refs_alone(node):
    """Draft-07 ignores whatever stands beside a `$ref` (a field's description): put the `$ref` in an allOf."""
    if isinstance(node, list):
        return [_refs_alone(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _refs_alone(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        node["allOf"] = [{"$ref": node.pop("$ref")}]
    return node


def render() -> str:
    """The file's text, byte for byte."""
    return json.dumps(course_schema(), ensure_ascii=False, indent=2) + "\n"


def main(project_dir: Path = PROJECT_DIR) -> int:
    path = Path(project_dir) / SCHEMA_FILE
    text = render()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{SCHEMA_FILE} is up to date.")
    else:
        path.write_text(text, encoding="utf-8")
        print(f"{SCHEMA_FILE} written from the models of macros/domain/schema.py.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
