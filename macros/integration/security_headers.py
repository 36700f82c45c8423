"""The site's security headers for nginx, computed from the built pages.

Material puts a few small inline scripts in every page (the storage scope,
the colour palette, the anchor scroll). The Content-Security-Policy allows
each by its sha256 hash instead of 'unsafe-inline', and the build writes the
headers next to the site, so the hashes never go stale.
"""

import base64
import hashlib
import re
from pathlib import Path

HEADERS_FILE = ".nginx-headers.conf"  # nginx's deploy/nginx.conf includes it; dotfiles are not served
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.DOTALL)


def inline_script_hashes(site_dir: Path) -> list[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for script in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    """Nothing from outside the site: scripts by file or by hash, no eval, no framing by others."""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *inline_script_hashes(site_dir)]),
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",  # xAPI too: statements go to the site's own server (deploy/nginx.conf)
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def write_security_headers(site_dir: Path) -> None:
    headers = {
        "Content-Security-Policy": content_security_policy(site_dir),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }
    lines = [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    (site_dir / HEADERS_FILE).write_text("# Written by the build (macros/integration/security_headers.py).\n"
                                         + "\n".join(lines) + "\n", encoding="utf-8")
