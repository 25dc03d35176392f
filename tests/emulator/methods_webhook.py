"""Webhook methods: setWebhook, deleteWebhook, getWebhookInfo (updates are then not polled)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .errors import bad_request
from .methods_messages import Method
from .params import Params
from .world import ALL_UPDATE_KINDS, World

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PORTS = (443, 80, 88, 8443)


def set_webhook(world: World, params: Params) -> Any:
    """setWebhook: an HTTPS URL on an allowed port, an optional secret token; "" removes it."""
    url = params.required_text("url", "parameter 'url' is required")
    if not url:
        world.webhook = None
        return True
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if (parts.port or 443) not in _PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    secret = params.text("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    allowed = params.json("allowed_updates")
    if allowed is not None and (
        not isinstance(allowed, list) or not set(allowed) <= ALL_UPDATE_KINDS
    ):
        raise bad_request("can't parse allowed_updates")
    if params.has("drop_pending_updates") and params.flag("drop_pending_updates"):
        _drop_pending(world)
    world.webhook = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": allowed,
        "max_connections": params.integer("max_connections", 40),
    }
    return True


def delete_webhook(world: World, params: Params) -> Any:
    """deleteWebhook: back to getUpdates; drop_pending_updates empties the queue."""
    world.webhook = None
    if params.flag("drop_pending_updates"):
        _drop_pending(world)
    return True


def get_webhook_info(world: World, params: Params) -> Any:
    """getWebhookInfo (url "" when polling)."""
    info: dict[str, Any] = {
        "url": world.webhook["url"] if world.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.queue),
    }
    if world.webhook:
        info["max_connections"] = world.webhook["max_connections"]
        if world.webhook["allowed_updates"] is not None:
            info["allowed_updates"] = world.webhook["allowed_updates"]
    return info


def _drop_pending(world: World) -> None:
    for update in world.queue:
        update.confirmed = True
    world.queue.clear()


WEBHOOK_METHODS: dict[str, Method] = {
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
