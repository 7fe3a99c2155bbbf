"""The feed: publish from any thread without blocking; each subscriber gets what its role sees;
a subscriber that falls behind is ended with a notice; closing ends every stream."""

import asyncio
import threading
from datetime import UTC, datetime

from assistant.alerts.feed import AlertFeed, Closed, Dropped, FeedEvent, Item, Subscription
from assistant.alerts.model import Alert, Rule
from tests.asyncio_helpers import run_on_fresh_loop


def alert(alert_id: int, rule: Rule = "risk_crossing") -> Alert:
    customer = None if rule == "segment_jump" else "00042"
    return Alert(alert_id, rule, "high", customer, None if customer else "lost", f"#{alert_id}",
                 {}, "open", datetime(2025, 2, 1, tzinfo=UTC), None, None, "v2")  # fmt: skip


async def drain(subscription: Subscription, n: int) -> list[Item]:
    got = []
    for _ in range(n):
        got.append(await asyncio.wait_for(subscription.get(), 10))
    return got


def test_events_from_another_thread_reach_the_subscribers_that_see_them() -> None:
    async def scenario() -> tuple[list[Item], list[Item]]:
        feed = AlertFeed()
        operator, support = feed.subscribe("operator"), feed.subscribe("support")
        events = [FeedEvent("alert", alert(1)), FeedEvent("alert", alert(2, "segment_jump")),
                  FeedEvent("acknowledged", alert(1))]  # fmt: skip

        def publish_all() -> None:
            for event in events:
                feed.publish(event)

        publisher = threading.Thread(target=publish_all)
        publisher.start()
        publisher.join()
        return await drain(operator, 3), await drain(support, 2)

    operator, support = run_on_fresh_loop(scenario())
    assert [(e.kind, e.alert.id) for e in operator] == [  # type: ignore[union-attr]
        ("alert", 1), ("alert", 2), ("acknowledged", 1),
    ]  # fmt: skip
    assert [(e.kind, e.alert.id) for e in support] == [  # type: ignore[union-attr]
        ("alert", 1), ("acknowledged", 1),
    ]  # fmt: skip


def test_a_slow_subscriber_is_dropped_with_a_notice_and_never_blocks_the_publisher() -> None:
    async def scenario() -> tuple[list[Item], list[Item], int]:
        feed = AlertFeed(capacity=3)
        slow, fast = feed.subscribe("admin"), feed.subscribe("admin")
        got_fast: list[Item] = []
        for i in range(1, 6):  # the slow one reads nothing meanwhile
            feed.publish(FeedEvent("alert", alert(i)))
            got_fast += await drain(fast, 1)
        await asyncio.sleep(0)
        return await drain(slow, 4), got_fast, feed.subscribers

    slow, fast, left = run_on_fresh_loop(scenario())
    assert [e.alert.id for e in slow[:3]] == [1, 2, 3]  # type: ignore[union-attr]
    assert slow[3] == Dropped(3)
    assert [e.alert.id for e in fast] == [1, 2, 3, 4, 5]  # type: ignore[union-attr]
    assert left == 1  # the dropped one is gone


def test_closing_ends_every_subscription_and_refuses_new_ones() -> None:
    async def scenario() -> tuple[list[Item], list[Item], int]:
        feed = AlertFeed()
        before = feed.subscribe("operator")
        feed.close()
        after = feed.subscribe("operator")
        feed.publish(FeedEvent("alert", alert(1)))
        return await drain(before, 1), await drain(after, 1), feed.subscribers

    before, after, left = run_on_fresh_loop(scenario())
    assert before == [Closed()] and after == [Closed()] and left == 0


def test_a_closed_subscription_receives_nothing_more() -> None:
    async def scenario() -> int:
        feed = AlertFeed()
        subscription = feed.subscribe("operator")
        subscription.close()
        feed.publish(FeedEvent("alert", alert(1)))
        await asyncio.sleep(0)
        return feed.subscribers

    assert run_on_fresh_loop(scenario()) == 0
