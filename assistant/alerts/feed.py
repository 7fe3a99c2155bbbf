"""The live alert feed: from the thread that raises alerts to the server's event streams.

`publish` may be called from any thread and never blocks: it hands the event to each
subscriber's event loop with call_soon_threadsafe, and each subscriber filters by what its role
sees. A subscriber's queue holds at most `capacity` events; one that falls that far behind is
ended with a Dropped notice (its stream says so, and the client reconnects with `?after=` the
last id it saw, which replays what it missed), so a slow client never holds up the publisher
or the other subscribers.
"""

import asyncio
import threading
from dataclasses import dataclass
from typing import Literal

from assistant.alerts.model import Alert, sees
from assistant.roles import Role

FeedKind = Literal["alert", "acknowledged"]
CAPACITY = 100  # events a subscriber may fall behind before it is dropped


@dataclass(frozen=True)
class FeedEvent:
    """An alert raised (`alert`) or acknowledged (`acknowledged`)."""

    kind: FeedKind
    alert: Alert


@dataclass(frozen=True)
class Dropped:
    """The subscriber fell `capacity` events behind and was ended."""

    capacity: int


@dataclass(frozen=True)
class Closed:
    """The feed closed: the server is stopping."""


Item = FeedEvent | Dropped | Closed


class Subscription:
    """One subscriber's queue, read with `await get()` on the loop that subscribed."""

    def __init__(
        self, feed: "AlertFeed", role: Role, capacity: int, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.role = role
        self._feed, self._loop, self._capacity = feed, loop, capacity
        # One slot more than the capacity, so the end notice always fits.
        self._queue: asyncio.Queue[Item] = asyncio.Queue(capacity + 1)
        self._ended = False  # read and written on the loop's thread only

    async def get(self) -> Item:
        """The next event, or Dropped / Closed after which nothing more comes."""
        return await self._queue.get()

    def close(self) -> None:
        """Stop receiving (call when the stream ends, however it ends)."""
        self._feed.remove(self)

    def deliver(self, item: Item) -> None:
        """Hand `item` to the subscriber's loop; from any thread, never blocking."""
        try:
            self._loop.call_soon_threadsafe(self._offer, item)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            self._feed.remove(self)

    def _offer(self, item: Item) -> None:
        if self._ended:
            return
        if isinstance(item, FeedEvent) and self._queue.qsize() >= self._capacity:
            item = Dropped(self._capacity)
        if not isinstance(item, FeedEvent):
            self._ended = True
            self._feed.remove(self)
        self._queue.put_nowait(item)


class AlertFeed:
    """Fans alert events out to every subscriber allowed to see them."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._subscribers: set[Subscription] = set()
        self._lock = threading.Lock()
        self._closed = False

    def subscribe(self, role: Role) -> Subscription:
        """A new subscription for `role`; call it from the coroutine that will read it."""
        subscription = Subscription(self, role, self.capacity, asyncio.get_running_loop())
        with self._lock:
            closed = self._closed
            if not closed:
                self._subscribers.add(subscription)
        if closed:
            subscription.deliver(Closed())
        return subscription

    def publish(self, event: FeedEvent) -> None:
        """Send `event` to every subscriber whose role sees its alert."""
        with self._lock:
            subscribers = list(self._subscribers)
        for subscription in subscribers:
            if sees(subscription.role, event.alert):
                subscription.deliver(event)

    def remove(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscribers.discard(subscription)

    def close(self) -> None:
        """End every subscription (the streams finish) and refuse new ones."""
        with self._lock:
            self._closed = True
            subscribers = list(self._subscribers)
            self._subscribers.clear()
        for subscription in subscribers:
            subscription.deliver(Closed())

    @property
    def subscribers(self) -> int:
        """How many subscriptions are live."""
        with self._lock:
            return len(self._subscribers)
