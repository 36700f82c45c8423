"""The offline copy (`make offline`): Material's offline plugin, without instant navigation.

On file:// Material 9.8.1's instant navigation hands document$ an empty stream,
which completes it before the page has loaded: no `document$.subscribe` callback
would ever run, so quizzes, 话术速查, scenarios and the link buttons would stay
inert. The intranet build keeps the feature.
"""

from mkdocs.config.defaults import MkDocsConfig

INSTANT_NAVIGATION = "navigation.instant"


def builds_offline(config: MkDocsConfig) -> bool:
    plugin = config["plugins"].get("material/offline")
    return bool(plugin and plugin.config.enabled)


def drop_instant_navigation_offline(config: MkDocsConfig) -> None:
    features = config.theme["features"]
    if builds_offline(config) and INSTANT_NAVIGATION in features:
        features.remove(INSTANT_NAVIGATION)
