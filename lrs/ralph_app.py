"""Ralph's LRS application, as `ralph runserver` serves it, with the login's learner in front
of it and one fix to its file-system backend.

The learner (`LoginLearner`, ASGI middleware): the web server (deploy/nginx.conf) forwards
the site's statements with the LRS's credential and, where it authenticated the user, names
them in the X-CKB-Learner header. Ralph's authority rules say who asserted a statement (the
credential), not who it is about, so here, for every statement POSTed or PUT with that header:
- a statement without an actor gets the login's: an Agent with the account
  {homePage: the site's address (CKB_LRS_SITE_URL), name: the login};
- a statement whose actor is anyone else (another account, or named by mbox, openid, a group)
  is refused, the whole request with it: 403 and a line that says why; nothing is stored;
- each is marked in its context as vouched for by the login (the extension
  <site>xapi/extensions/login = the login), which `make report` reads.
Without the header (a site without a login, CKB_XAPI=self) statements pass as they are, and
any such mark a page wrote itself is removed: no one can claim a login that did not happen.
`GET .../ckb-me` answers the login's name as text (404 without one), for the page.
The header is trusted from whoever holds the site's credential: only the web server has it.

The fix: Ralph 5.1.0's FSLRSBackend writes statements with its data backend's default
operation, CREATE, which refuses a file that exists: a fresh LRS stores the first POST, and
every later one answers 500 ("fs_lrs.jsonl already exists and overwrite is not allowed with
operation_type create or index"). An LRS file is appended to, so appending is the default
here. Only the file-system backend (local use and tests) is touched; ClickHouse,
Elasticsearch and MongoDB are not.

Served by lrs/ralph.py: `python -m uvicorn lrs.ralph_app:app` from the project folder,
with Ralph's own venv (.venv-lrs).
"""

import json
import logging
import os

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app as ralph  # noqa: E402  (after the fix: the backend is made when the API is imported)

LEARNER_HEADER = b"x-ckb-learner"
LOGIN_EXTENSION = "xapi/extensions/login"  # macros/contracts.py XAPI_LOGIN_EXTENSION, under the site's address
ME_PATH = "/xAPI/ckb-me"
STATEMENTS_PATH = "/xAPI/statements"
IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "member")  # an actor named otherwise than by account

logger = logging.getLogger("ckb.learner")


class Refused(Exception):
    """A statement that names someone other than the login."""


def _who(actor) -> str:
    if not isinstance(actor, dict):
        return "an actor that is not an agent"
    account = actor.get("account") if isinstance(actor.get("account"), dict) else {}
    if account.get("name"):
        return f"account {account.get('name')!r} of {account.get('homePage')!r}"
    named = next((key for key in IDENTIFIERS if key in actor), None)
    return f"an actor named by {named}" if named else "an actor without an account"


def vouch(statements, learner: str | None, site_url: str | None):
    """The statements as the LRS stores them, given the login (None: no login); Refused if one names another."""
    batch = statements if isinstance(statements, list) else [statements]
    for index, statement in enumerate(batch):
        if not isinstance(statement, dict):
            continue  # not a statement: Ralph answers 400
        context = statement.get("context")
        extensions = context.get("extensions") if isinstance(context, dict) else None
        if isinstance(extensions, dict):  # nobody writes this mark but this side
            for key in [key for key in extensions if str(key).endswith("/" + LOGIN_EXTENSION)]:
                del extensions[key]
        if learner is None:
            continue
        actor = statement.get("actor")
        if actor is None:
            if not site_url:
                raise Refused(f"statement {index + 1} has no actor, and the LRS side does not know the site's "
                              "address (CKB_LRS_SITE_URL) to name the login's account")
            statement["actor"] = actor = {"objectType": "Agent", "account": {"homePage": site_url, "name": learner}}
        account = actor.get("account") if isinstance(actor, dict) else None
        own = (isinstance(account, dict) and account.get("name") == learner
               and (not site_url or account.get("homePage") == site_url)
               and actor.get("objectType", "Agent") == "Agent" and not any(key in actor for key in IDENTIFIERS))
        if not own:
            raise Refused(f"statement {index + 1} names {_who(actor)}, but the login is {learner!r}: "
                          "a learner sends only their own records")
        if not isinstance(context, dict):
            statement["context"] = context = {}
        if not isinstance(context.get("extensions"), dict):
            context["extensions"] = {}
        context["extensions"][(site_url or account.get("homePage") or "").rstrip("/") + "/" + LOGIN_EXTENSION] = learner
    return statements


async def _answer(send, status: int, body: bytes, content_type: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class LoginLearner:
    """ASGI middleware in front of Ralph: the login's learner on every statement (module docstring)."""

    def __init__(self, app, site_url: str | None):
        self.app = app
        self.site_url = site_url.rstrip("/") + "/" if site_url else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        learner = headers.get(LEARNER_HEADER, b"").decode("utf-8", "replace").strip() or None
        path = scope["path"].rstrip("/")
        if path == ME_PATH and scope["method"] == "GET":
            if learner is None:
                return await _answer(send, 404, b"no login\n", b"text/plain; charset=utf-8")
            return await _answer(send, 200, learner.encode("utf-8"), b"text/plain; charset=utf-8")
        if path != STATEMENTS_PATH or scope["method"] not in ("POST", "PUT"):
            return await self.app(scope, receive, send)

        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            statements = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            statements = None  # Ralph answers 400 to what is not JSON
        if statements is not None:
            try:
                body = json.dumps(vouch(statements, learner, self.site_url), ensure_ascii=False).encode("utf-8")
            except Refused as refused:
                logger.warning("refused: %s", refused)
                return await _answer(send, 403, json.dumps({"detail": str(refused)}).encode(), b"application/json")

        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        scope = {**scope, "headers": [(name, value) for name, value in scope["headers"] if name != b"content-length"]
                 + [(b"content-length", str(len(body)).encode())]}
        return await self.app(scope, replay, send)


app = LoginLearner(ralph, os.environ.get("CKB_LRS_SITE_URL"))

__all__ = ["app", "vouch"]
