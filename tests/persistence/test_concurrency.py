"""Many threads appending to one conversation: each turn numbered once, each thread's in order."""

from concurrent.futures import ThreadPoolExecutor

from assistant.persistence import AppDatabase, ConversationStore
from tests.persistence.factories import make_principal

THREADS = 8
TURNS = 20


def test_concurrent_appends_keep_order(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    cid = store.start(ana, "busy")

    def talk(thread: int) -> list[int]:
        return [store.append(cid, ana, "user", f"{thread}:{turn}").seq for turn in range(TURNS)]

    with ThreadPoolExecutor(THREADS) as pool:
        handed_out = list(pool.map(talk, range(THREADS)))

    messages = store.history(ana, cid).messages
    assert [m.seq for m in messages] == list(range(1, THREADS * TURNS + 1))
    assert sorted(seq for seqs in handed_out for seq in seqs) == [m.seq for m in messages]
    for thread in range(THREADS):
        turns = [
            int(m.content.split(":")[1]) for m in messages if m.content.startswith(f"{thread}:")
        ]
        assert turns == list(range(TURNS))
    assert store.list(ana)[0].message_count == THREADS * TURNS
