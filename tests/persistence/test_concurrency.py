"""Many threads taking turns in one conversation: each message numbered once, each thread's
messages in order, the memory left by the last answer."""

from concurrent.futures import ThreadPoolExecutor

from assistant.persistence import AppDatabase, ConversationStore
from tests.persistence.factories import make_principal

THREADS = 8
TURNS = 10  # each turn is two writes: 160 in all


def test_concurrent_turns_keep_order(db: AppDatabase) -> None:
    store = ConversationStore(db)
    ana = make_principal(db)
    cid, _ = store.open_turn(ana, None, "busy")

    def talk(thread: int) -> list[int]:
        answers = []
        for turn in range(TURNS):
            store.open_turn(ana, cid, f"{thread}:{turn}")
            memory = {"thread": thread, "turn": turn}
            answers.append(store.close_turn(ana, cid, f"{thread}:{turn}", [], [], memory).seq)
        return answers

    with ThreadPoolExecutor(THREADS) as pool:
        handed_out = list(pool.map(talk, range(THREADS)))

    messages = store.history(ana, cid).messages
    total = 1 + 2 * THREADS * TURNS
    assert [m.seq for m in messages] == list(range(1, total + 1))
    answers = [m for m in messages if m.role == "assistant"]
    assert sorted(seq for seqs in handed_out for seq in seqs) == [m.seq for m in answers]
    for thread in range(THREADS):
        mine = [(m.role, m.content) for m in messages if m.content.startswith(f"{thread}:")]
        assert mine == [
            (role, f"{thread}:{turn}") for turn in range(TURNS) for role in ("user", "assistant")
        ]
    # The memory goes in with the answer's number, in one UPDATE: the last answer's wins.
    last_thread, last_turn = map(int, answers[-1].content.split(":"))
    assert store.memory(ana, cid) == {"thread": last_thread, "turn": last_turn}
    assert store.list(ana)[0].message_count == total
