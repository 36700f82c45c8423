"""MkDocs hook for the plain-Material baseline of the macro-overhead benchmark: the theme's
main.html reads the JSON config block that the macros would have set (extra.ckb_config)."""

from macros.contracts import js_config


def on_config(config):
    config["extra"]["ckb_config"] = js_config(config["extra"])
    return config
