"""Ralph's LRS application, as `ralph runserver` serves it, with one fix to its file-system backend.

Ralph 5.1.0's FSLRSBackend writes statements with its data backend's default operation,
CREATE, which refuses a file that exists: a fresh LRS stores the first POST, and every
later one answers 500 ("fs_lrs.jsonl already exists and overwrite is not allowed with
operation_type create or index"). An LRS file is appended to, so appending is the default
here. Only the file-system backend (local use and tests) is touched; ClickHouse,
Elasticsearch and MongoDB are not.

Served by lrs/ralph.py: `python -m uvicorn lrs.ralph_app:app` from the project folder,
with Ralph's own venv (.venv-lrs).
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the fix: the backend is made when the API is imported)

__all__ = ["app"]
