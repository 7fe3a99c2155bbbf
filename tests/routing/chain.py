"""A conversation routed message by message, each route's call remembered as the chat does."""

from assistant.routing import Memory, Route, Router


def last_route(router: Router, messages: list[str], role: str = "operator") -> Route:
    """The route of the last message, after the ones before it ran (with empty results)."""
    memory = Memory()
    route = None
    for message in messages:
        route = router.route(message, memory, role)  # type: ignore[arg-type]
        memory = memory.after(route.tool or "", route.args, {})
    assert route is not None, "no message"
    return route
